using System.Numerics;
using StaticNet.Kernels.Cpu.Ops;

namespace StaticNet.Kernels.Cpu;

internal sealed unsafe partial class CpuBackend
{
    // Batch normalization on host workspaces (the fused plans).
    public void HostBatchNormStatistics<T>(BatchNormGeometry g, T* x, T* mean, T* variance) where T : unmanaged, IFloatingPointIeee754<T> =>
        BatchNormKernel.Statistics(g, x, mean, variance);

    public void HostBatchNorm<T>(BatchNormGeometry g, T* x, T* mean, T* invStd, T* weight, T* bias, T* y) where T : unmanaged, IFloatingPointIeee754<T> =>
        BatchNormKernel.Normalize(g, x, mean, invStd, weight, bias, y);

    public void HostBatchNormBackward<T>(BatchNormGeometry g, T* dy, T* x, T* mean, T* invStd, T* weight, bool batchStatistics,
        T* dx, T* weightGrad, T* biasGrad) where T : unmanaged, IFloatingPointIeee754<T> =>
        BatchNormKernel.Backward(g, dy, x, mean, invStd, weight, batchStatistics, dx, weightGrad, biasGrad);
}
