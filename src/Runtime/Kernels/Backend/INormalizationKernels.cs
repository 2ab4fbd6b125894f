using System.Numerics;

namespace StaticNet.Kernels;

/// <summary>
/// Batch normalization on contiguous host memory (a CPU plan's workspace): statistics, the normalization and its backward.
/// A plan on another device composes batch norm of that backend's reductions and element-wise kernels, as F.BatchNorm does.
/// </summary>
/// <remarks>Per-channel arrays (mean, invStd, weight, ...) hold C elements; x, y, dy, dx hold N·C·spatial in NCHW order.</remarks>
internal interface INormalizationKernels
{
    /// <summary>Each channel's mean and biased variance (Σ(x − mean)² / (N·spatial), two passes).</summary>
    unsafe void HostBatchNormStatistics<T>(BatchNormGeometry g, T* x, T* mean, T* variance) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>y = (x − mean)·invStd·weight + bias per channel; a null weight is 1 and a null bias 0.</summary>
    unsafe void HostBatchNorm<T>(BatchNormGeometry g, T* x, T* mean, T* invStd, T* weight, T* bias, T* y) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// The backward from dy: Σ dy·x̂ added into <paramref name="weightGrad"/> and Σ dy into <paramref name="biasGrad"/> (each
    /// skipped when null), and, when <paramref name="dx"/> is not null, dx = w·invStd·(dy − Σdy/m − x̂·Σ(dy·x̂)/m) for batch
    /// statistics (the mean and variance depend on x) or dx = w·invStd·dy for fixed (running) ones.
    /// </summary>
    unsafe void HostBatchNormBackward<T>(BatchNormGeometry g, T* dy, T* x, T* mean, T* invStd, T* weight, bool batchStatistics,
        T* dx, T* weightGrad, T* biasGrad) where T : unmanaged, IFloatingPointIeee754<T>;
}
