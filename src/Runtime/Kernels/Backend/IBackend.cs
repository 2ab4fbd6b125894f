namespace StaticNet.Kernels;

/// <summary>
/// The kernels of one device: the only way tensor ops, autograd nodes, layers, losses, optimizers and the fused
/// plans reach the hardware. <see cref="Backends.Of(Tensor)"/> picks it from a tensor's device.
/// </summary>
/// <remarks>
/// The contract is split by op family so each part can be read at once (candle's <c>BackendStorage</c>, Burn's
/// backend traits). The front half of every op (device check, type promotion, broadcasting, argument checks, result
/// shapes) stays in the tensor code above the seam; a backend only runs loops over tensors it is given, whose storages
/// live on its device. One interface call per op, never per element: the CPU backend forwards to the SIMD kernels of
/// <c>Kernels/Cpu</c> and the operator structs of <c>Kernels/Operators</c> are shared by every backend.
/// </remarks>
internal interface IBackend :
    IMemoryKernels, IElementwiseKernels, IReductionKernels, ICopyKernels, IGemmKernels, IConvolutionKernels,
    IPoolingKernels, INormalizationKernels, ILossKernels, IOptimizerKernels, IRandomKernels
{
    /// <summary>The device whose storages this backend reads and writes.</summary>
    Device Device { get; }
}
