using System.Numerics;

namespace StaticNet.Kernels.Ilgpu;

/// <summary>Batch normalization on host workspaces is the CPU's (the fused plans run there): each member throws naming the op.</summary>
internal sealed unsafe partial class IlgpuBackend
{
    public void HostBatchNormStatistics<T>(BatchNormGeometry g, T* x, T* mean, T* variance) where T : unmanaged, IFloatingPointIeee754<T> =>
        throw Unsupported("the fused plan's batch_norm statistics on host workspaces");

    public void HostBatchNorm<T>(BatchNormGeometry g, T* x, T* mean, T* invStd, T* weight, T* bias, T* y) where T : unmanaged, IFloatingPointIeee754<T> =>
        throw Unsupported("the fused plan's batch_norm on host workspaces");

    public void HostBatchNormBackward<T>(BatchNormGeometry g, T* dy, T* x, T* mean, T* invStd, T* weight, bool batchStatistics,
        T* dx, T* weightGrad, T* biasGrad) where T : unmanaged, IFloatingPointIeee754<T> =>
        throw Unsupported("the fused plan's batch_norm backward on host workspaces");
}
