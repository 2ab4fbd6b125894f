namespace StaticNet;

/// <summary>The <c>torch</c> namespace: tensor creation, free-function forms of the ops, random seeding and devices.</summary>
public static partial class Torch
{
    /// <summary>Seeds the default generator (PyTorch's <c>torch.manual_seed</c>): the same seed gives the same numbers on every machine.</summary>
    public static Generator ManualSeed(ulong seed) => Generator.Default.ManualSeed(seed);

    /// <summary>
    /// <c>int seed = 0; Torch.ManualSeed(seed);</c>: seeds with a signed number; a negative seed wraps to its
    /// two's-complement 64-bit value, as PyTorch's <c>manual_seed(-1)</c> does.
    /// </summary>
    public static Generator ManualSeed(long seed) => ManualSeed(unchecked((ulong)seed));

    /// <summary>The seed of the default generator (<c>torch.initial_seed()</c>).</summary>
    public static ulong InitialSeed() => Generator.Default.InitialSeed;

    /// <summary>GPU queries (<c>torch.cuda</c>).</summary>
    public static class Cuda
    {
        /// <summary>True when ILGPU finds a CUDA GPU (<c>torch.cuda.is_available()</c>); false under NativeAOT.</summary>
        public static bool IsAvailable() => DeviceCount() > 0;

        /// <summary>The number of CUDA GPUs ILGPU finds (<c>torch.cuda.device_count()</c>); 0 under NativeAOT.</summary>
        public static int DeviceCount() => Kernels.Ilgpu.GpuBackends.CudaDeviceCount();
    }
}
