namespace StaticNet.Kernels.Cpu;

/// <summary>How many threads the CPU kernels may use: a process-wide cap, for benchmarks and for hosts that share cores.</summary>
internal static class CpuParallelism
{
    private static int _maxThreads = Environment.ProcessorCount;

    /// <summary>The most worker threads one kernel call uses (at least 1; defaults to the processor count).</summary>
    public static int MaxThreads
    {
        get => _maxThreads;
        set => _maxThreads = value < 1 ? Environment.ProcessorCount : Math.Min(value, Environment.ProcessorCount);
    }
}
