using StaticNet.Kernels.Cpu;

namespace StaticNet;

public static partial class Torch
{
    /// <summary>
    /// Sets how many threads one CPU kernel call may use (<c>torch.set_num_threads</c>); capped at the processor count.
    /// </summary>
    /// <param name="n">The number of threads, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public static void SetNumThreads(int n)
    {
        if (n < 1)
            throw new ArgumentOutOfRangeException(nameof(n), n, $"set_num_threads: number of threads must be positive, got {n}");
        CpuParallelism.MaxThreads = n;
    }

    /// <summary>The number of threads one CPU kernel call may use (<c>torch.get_num_threads</c>).</summary>
    public static int GetNumThreads() => CpuParallelism.MaxThreads;
}
