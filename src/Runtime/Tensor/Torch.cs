namespace StaticNet;

/// <summary>The <c>torch</c> namespace: tensor creation, free-function forms of the ops, random seeding and devices.</summary>
public static partial class Torch
{
    /// <summary>Seeds the default generator (PyTorch's <c>torch.manual_seed</c>): the same seed gives the same numbers on every machine.</summary>
    public static Generator ManualSeed(ulong seed) => Generator.Default.ManualSeed(seed);

    /// <summary>The seed of the default generator (<c>torch.initial_seed()</c>).</summary>
    public static ulong InitialSeed() => Generator.Default.InitialSeed;

    /// <summary>GPU queries (<c>torch.cuda</c>).</summary>
    public static class Cuda
    {
        /// <summary>False: this build has no GPU backend yet (<c>torch.cuda.is_available()</c>).</summary>
        public static bool IsAvailable() => false;

        /// <summary>The number of usable GPUs: 0 without a GPU backend.</summary>
        public static int DeviceCount() => 0;
    }
}
