using System.Runtime.CompilerServices;

namespace StaticNet.Kernels.Ilgpu;

/// <summary>
/// The door to the ILGPU backend. ILGPU generates code at run time (its Context uses Reflection.Emit), so every path
/// into it is a <see cref="RuntimeFeature.IsDynamicCodeSupported"/> branch calling a <c>NoInlining</c> method: a
/// NativeAOT build folds the branch to false and trims the whole backend away.
/// </summary>
internal static class GpuBackends
{
    /// <summary>What asking for a GPU device says in a NativeAOT app.</summary>
    public const string AotMessage = "the GPU backend needs the JIT; NativeAOT builds run on the CPU";

    /// <summary>The backend of a <c>cuda</c> or <c>ilgpu-cpu</c> device; throws, saying what is available, when it cannot be had.</summary>
    public static IBackend Get(Device device)
    {
        if (RuntimeFeature.IsDynamicCodeSupported) return GetJit(device);
        throw new NotSupportedException($"Device '{device}' is not available: {AotMessage}.");
    }

    /// <summary>The number of CUDA GPUs ILGPU finds (0 under NativeAOT).</summary>
    public static int CudaDeviceCount() => RuntimeFeature.IsDynamicCodeSupported ? CudaDeviceCountJit() : 0;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IBackend GetJit(Device device) => IlgpuDevices.Backend(device);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int CudaDeviceCountJit() => IlgpuDevices.CudaDeviceCount;
}
