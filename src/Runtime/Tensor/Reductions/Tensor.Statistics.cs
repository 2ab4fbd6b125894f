using StaticNet.Autograd;

namespace StaticNet;

public partial class Tensor
{
    // Variance in two passes (mean, then the mean squared deviation), which is as accurate as PyTorch's Welford
    // update for the sizes that matter here. correction = 1 is Bessel's correction (PyTorch's unbiased=True); the
    // divisor is max(0, N - correction), so a single element gives NaN as in PyTorch.

    /// <summary>The variance of all elements (<c>x.var(unbiased=...)</c>): divides by N - 1, or by N when
    /// <paramref name="unbiased"/> is false.</summary>
    public Tensor Var(bool unbiased = true) => Var(Array.Empty<int>(), keepDim: false, unbiased ? 1 : 0);

    /// <summary>The variance over dimension <paramref name="dim"/>, dividing by N - <paramref name="correction"/>.</summary>
    public Tensor Var(int dim, bool keepDim = false, long correction = 1) => Var([dim], keepDim, correction);

    /// <summary>The variance over several dimensions (an empty list means all: <c>x.Var([], correction: 0)</c>).</summary>
    /// <exception cref="ArgumentException">The tensor is not floating (PyTorch: "std and var only support floating point and complex dtypes").</exception>
    public Tensor Var(int[] dims, bool keepDim = false, long correction = 1)
    {
        var (r, mask) = VarValues(dims, keepDim, correction);
        return Graph.ShouldRecord(this) ? Graph.Record(r, new VarBackward0(this, mask, keepDim, correction), this) : r;
    }

    /// <summary>The standard deviation of all elements (<c>x.std(unbiased=...)</c>): the square root of <see cref="Var(bool)"/>.</summary>
    public Tensor Std(bool unbiased = true) => Std(Array.Empty<int>(), keepDim: false, unbiased ? 1 : 0);

    /// <summary>The standard deviation over dimension <paramref name="dim"/>, dividing by N - <paramref name="correction"/>.</summary>
    public Tensor Std(int dim, bool keepDim = false, long correction = 1) => Std([dim], keepDim, correction);

    /// <summary>The standard deviation over several dimensions (an empty list means all).</summary>
    public Tensor Std(int[] dims, bool keepDim = false, long correction = 1)
    {
        var (variance, mask) = VarValues(dims, keepDim, correction);
        var r = variance.Sqrt_();
        return Graph.ShouldRecord(this) ? Graph.Record(r, new StdBackward0(this, r, mask, keepDim, correction), this) : r;
    }

    // The forward runs on a detached alias, so its intermediate steps record nothing: the caller records one node.
    private (Tensor Variance, bool[] Mask) VarValues(int[] dims, bool keepDim, long correction)
    {
        if (!DType.IsFloatingPoint())
            throw new ArgumentException($"std and var only support floating point and complex dtypes (got {DType.PyTorchName()}, shape {Shape}).");
        var x = Detach();
        var mask = Reduction.Mask(x, dims);
        var deviation = x - x.Mean(dims, keepDim: true);
        var squares = deviation.Mul_(deviation).Sum(dims, keepDim);
        double divisor = Math.Max(0, Reduction.Count(x, mask) - correction);
        return (squares.Div_(Torch.Wrap(divisor)), mask);
    }
}
