using StaticNet.Kernels;

namespace StaticNet;

public static partial class Torch
{
    /// <summary>
    /// Sets how many threads the CPU kernels (matmul, convolution, large elementwise ops and reductions) may use
    /// (PyTorch's <c>torch.set_num_threads</c>). Process-wide; values above the processor count are capped at it,
    /// since more threads than cores only adds contention.
    /// </summary>
    /// <param name="numThreads">A positive number of threads; 1 keeps every kernel on the calling thread.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numThreads"/> is zero or negative.</exception>
    public static void SetNumThreads(int numThreads)
    {
        if (numThreads < 1)
            throw new ArgumentOutOfRangeException(nameof(numThreads), numThreads,
                $"set_num_threads expects a positive integer, got {numThreads}.");
        Backends.CpuThreads = numThreads;
    }

    /// <summary>
    /// The number of threads the CPU kernels may use (PyTorch's <c>torch.get_num_threads</c>): the processor count
    /// unless <see cref="SetNumThreads"/> lowered it.
    /// </summary>
    public static int GetNumThreads() => Backends.CpuThreads;
}
