namespace StaticNet.Kernels;

/// <summary>Random fills of contiguous tensors from a <see cref="Generator"/>: same seed, same numbers on one device.</summary>
internal interface IRandomKernels
{
    /// <summary>Uniform values in [low, high) (a floating tensor).</summary>
    void FillUniform(Tensor target, Generator generator, double low, double high);

    /// <summary>Normal values; <paramref name="bulk"/> selects PyTorch's bulk algorithm for contiguous tensors.</summary>
    void FillNormal(Tensor target, Generator generator, double mean, double std, bool bulk);

    /// <summary>Integers uniform in [low, high) (a numeric tensor).</summary>
    void FillRandInt(Tensor target, Generator generator, long low, long high);

    /// <summary>1/q with probability q, else 0 (dropout's scaled keep mask).</summary>
    void FillBernoulli(Tensor target, Generator generator, double q);

    /// <summary>A random permutation of 0..n-1 (an Int64 tensor).</summary>
    void FillPermutation(Tensor target, Generator generator);
}
