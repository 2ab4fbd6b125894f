namespace StaticNet;

public static partial class Torch
{
    // Free-function forms of the reductions (torch.sum(x, ...)); each forwards to the Tensor method of the same name.

    /// <summary>The sum of all elements (<c>torch.sum(x)</c>).</summary>
    public static Tensor Sum(Tensor x) => x.Sum();
    /// <summary>The sum over <paramref name="dim"/> (<c>torch.sum(x, dim, keepdim, dtype=...)</c>).</summary>
    public static Tensor Sum(Tensor x, int dim, bool keepDim = false, DType? dtype = null) => x.Sum(dim, keepDim, dtype);
    /// <summary>The sum over several dimensions.</summary>
    public static Tensor Sum(Tensor x, int[] dims, bool keepDim = false, DType? dtype = null) => x.Sum(dims, keepDim, dtype);

    /// <summary>The mean of all elements (<c>torch.mean(x)</c>).</summary>
    public static Tensor Mean(Tensor x, DType? dtype = null) => x.Mean(dtype);
    /// <summary>The mean over <paramref name="dim"/>.</summary>
    public static Tensor Mean(Tensor x, int dim, bool keepDim = false, DType? dtype = null) => x.Mean(dim, keepDim, dtype);
    /// <summary>The mean over several dimensions.</summary>
    public static Tensor Mean(Tensor x, int[] dims, bool keepDim = false, DType? dtype = null) => x.Mean(dims, keepDim, dtype);

    /// <summary>The product of all elements (<c>torch.prod(x)</c>).</summary>
    public static Tensor Prod(Tensor x) => x.Prod();
    /// <summary>The product over <paramref name="dim"/>.</summary>
    public static Tensor Prod(Tensor x, int dim, bool keepDim = false, DType? dtype = null) => x.Prod(dim, keepDim, dtype);

    /// <summary>The variance of all elements (<c>torch.var(x, unbiased)</c>).</summary>
    public static Tensor Var(Tensor x, bool unbiased = true) => x.Var(unbiased);
    /// <summary>The variance over <paramref name="dim"/>, dividing by N - <paramref name="correction"/>.</summary>
    public static Tensor Var(Tensor x, int dim, bool keepDim = false, long correction = 1) => x.Var(dim, keepDim, correction);
    /// <summary>The variance over several dimensions (an empty list means all).</summary>
    public static Tensor Var(Tensor x, int[] dims, bool keepDim = false, long correction = 1) => x.Var(dims, keepDim, correction);

    /// <summary>The standard deviation of all elements (<c>torch.std(x, unbiased)</c>).</summary>
    public static Tensor Std(Tensor x, bool unbiased = true) => x.Std(unbiased);
    /// <summary>The standard deviation over <paramref name="dim"/>.</summary>
    public static Tensor Std(Tensor x, int dim, bool keepDim = false, long correction = 1) => x.Std(dim, keepDim, correction);
    /// <summary>The standard deviation over several dimensions (an empty list means all).</summary>
    public static Tensor Std(Tensor x, int[] dims, bool keepDim = false, long correction = 1) => x.Std(dims, keepDim, correction);

    /// <summary>The largest element (<c>torch.max(x)</c>).</summary>
    public static Tensor Max(Tensor x) => x.Max();
    /// <summary>The largest elements along <paramref name="dim"/> and their positions (<c>torch.max(x, dim)</c>).</summary>
    public static ValuesAndIndices Max(Tensor x, int dim, bool keepDim = false) => x.Max(dim, keepDim);
    /// <summary>The smallest element (<c>torch.min(x)</c>).</summary>
    public static Tensor Min(Tensor x) => x.Min();
    /// <summary>The smallest elements along <paramref name="dim"/> and their positions (<c>torch.min(x, dim)</c>).</summary>
    public static ValuesAndIndices Min(Tensor x, int dim, bool keepDim = false) => x.Min(dim, keepDim);

    /// <summary>The flat position of the largest element (<c>torch.argmax(x)</c>).</summary>
    public static Tensor Argmax(Tensor x) => x.Argmax();
    /// <summary>The positions of the largest elements along <paramref name="dim"/>.</summary>
    public static Tensor Argmax(Tensor x, int dim, bool keepDim = false) => x.Argmax(dim, keepDim);
    /// <summary>The flat position of the smallest element (<c>torch.argmin(x)</c>).</summary>
    public static Tensor Argmin(Tensor x) => x.Argmin();
    /// <summary>The positions of the smallest elements along <paramref name="dim"/>.</summary>
    public static Tensor Argmin(Tensor x, int dim, bool keepDim = false) => x.Argmin(dim, keepDim);

    /// <summary>Whether every element is non-zero (<c>torch.all(x)</c>).</summary>
    public static Tensor All(Tensor x) => x.All();
    /// <summary>Whether every element along <paramref name="dim"/> is non-zero.</summary>
    public static Tensor All(Tensor x, int dim, bool keepDim = false) => x.All(dim, keepDim);
    /// <summary>Whether any element is non-zero (<c>torch.any(x)</c>).</summary>
    public static Tensor Any(Tensor x) => x.Any();
    /// <summary>Whether any element along <paramref name="dim"/> is non-zero.</summary>
    public static Tensor Any(Tensor x, int dim, bool keepDim = false) => x.Any(dim, keepDim);
}
