using System.ComponentModel;

namespace StaticNet.Fused;

/// <summary>
/// The shapes of one broadcasting <c>a + b</c> or <c>a * b</c> of a fused plan, fixed at compile time: one sample of the
/// result and of each operand, of one rank, each operand's dimension equal to the result's or 1 (NumPy broadcasting, as
/// the compiler's shape inference checked it). The batch is dimension 0 of all three and is given per call.
/// </summary>
/// <remarks>
/// The element strides of each operand in the result's index space are kept with 0 along the dimensions it is
/// stretched over, with size-1 dimensions dropped and runs that step alike merged, so the kernels walk rows of the
/// innermost dimension, in which each operand either advances by one element or stays on one.
/// Public because generated code lives in the user's assembly; not meant to be used by hand.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FusedBroadcast
{
    /// <summary>At most this many sample dimensions.</summary>
    internal const int MaxRank = 15;

    private readonly long[] _sizes;
    private readonly long[] _strideA, _strideB;

    /// <summary>Creates the layout; the shapes must broadcast (each operand dimension equal to the result's or 1).</summary>
    /// <param name="result">One sample of the result.</param>
    /// <param name="a">One sample of the left operand, of the result's rank.</param>
    /// <param name="b">One sample of the right operand, of the result's rank.</param>
    /// <exception cref="ArgumentException">The ranks differ, or an operand dimension is neither the result's nor 1.</exception>
    public FusedBroadcast(long[] result, long[] a, long[] b)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != result.Length || b.Length != result.Length || result.Length > MaxRank)
            throw new ArgumentException($"broadcast: samples {Text(a)} and {Text(b)} must have the rank of the result {Text(result)} (at most {MaxRank}).");
        ResultSize = Product(result);
        SizeA = Product(a);
        SizeB = Product(b);
        var sizes = new List<long>();
        var sa = new List<long>();
        var sb = new List<long>();
        long stepA = 1, stepB = 1;
        var strideA = new long[result.Length];
        var strideB = new long[result.Length];
        for (int i = result.Length - 1; i >= 0; i--)
        {
            if ((a[i] != result[i] && a[i] != 1) || (b[i] != result[i] && b[i] != 1))
                throw new ArgumentException($"broadcast: {Text(a)} and {Text(b)} do not broadcast to {Text(result)} (dimension {i}).");
            strideA[i] = a[i] == 1 ? 0 : stepA;
            strideB[i] = b[i] == 1 ? 0 : stepB;
            stepA *= a[i];
            stepB *= b[i];
        }
        for (int i = 0; i < result.Length; i++)
        {
            if (result[i] == 1) continue;
            int last = sizes.Count - 1;
            // Dimension i continues the previous one when both operands step over it as over one longer dimension.
            if (last >= 0 && sa[last] == strideA[i] * result[i] && sb[last] == strideB[i] * result[i])
            {
                sizes[last] *= result[i];
                sa[last] = strideA[i];
                sb[last] = strideB[i];
                continue;
            }
            sizes.Add(result[i]);
            sa.Add(strideA[i]);
            sb.Add(strideB[i]);
        }
        _sizes = [.. sizes];
        _strideA = [.. sa];
        _strideB = [.. sb];
    }

    /// <summary>Elements of one sample of the result.</summary>
    public long ResultSize { get; }

    /// <summary>Elements of one sample of the left operand.</summary>
    public long SizeA { get; }

    /// <summary>Elements of one sample of the right operand.</summary>
    public long SizeB { get; }

    /// <summary>
    /// The walk for <paramref name="batch"/> samples: the batch (each operand stepping by its sample size) in front of the
    /// sample's merged dimensions, written into the caller's spans (at least <see cref="MaxRank"/> + 1 long); returns the rank.
    /// </summary>
    internal int Layout(long batch, Span<long> sizes, Span<long> strideA, Span<long> strideB)
    {
        int rank = 0;
        if (batch != 1)
        {
            sizes[0] = batch;
            strideA[0] = SizeA;
            strideB[0] = SizeB;
            rank = 1;
        }
        for (int i = 0; i < _sizes.Length; i++)
        {
            // The batch merges with the first dimension when both operands step over the two as over one.
            if (rank == 1 && i == 0 && strideA[0] == _strideA[0] * _sizes[0] && strideB[0] == _strideB[0] * _sizes[0])
            {
                sizes[0] *= _sizes[0];
                strideA[0] = _strideA[0];
                strideB[0] = _strideB[0];
                continue;
            }
            sizes[rank] = _sizes[i];
            strideA[rank] = _strideA[i];
            strideB[rank] = _strideB[i];
            rank++;
        }
        if (rank == 0)
        {
            // One element in all: a single row of one.
            sizes[0] = 1;
            strideA[0] = 1;
            strideB[0] = 1;
            rank = 1;
        }
        return rank;
    }

    private static long Product(long[] dims)
    {
        long n = 1;
        foreach (long d in dims) n = checked(n * d);
        return n;
    }

    private static string Text(long[] dims) => "[" + string.Join(", ", dims) + "]";
}
