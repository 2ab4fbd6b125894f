using System.Numerics;
using System.Numerics.Tensors;

namespace StaticNet.Fused;

public static partial class FusedOps
{
    /// <summary>
    /// <c>destination = a + b</c> or <c>a ⊙ b</c> with NumPy broadcasting (a residual <c>[B, C, H, W] + [B, C, 1, 1]</c>, a gate
    /// <c>[B, N] * [B, 1]</c>): walks the rows of the result's innermost dimension, each operand a row or one element.
    /// </summary>
    /// <param name="a">The left operand: batch × <see cref="FusedBroadcast.SizeA"/> elements, row-major.</param>
    /// <param name="b">The right operand: batch × <see cref="FusedBroadcast.SizeB"/> elements.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="layout">The shapes, fixed at compile time.</param>
    /// <param name="multiply">The product rather than the sum.</param>
    /// <param name="destination">batch × <see cref="FusedBroadcast.ResultSize"/> elements.</param>
    public static void Broadcast<T>(PlanBuffer<T> a, PlanBuffer<T> b, int batch, FusedBroadcast layout, bool multiply, PlanBuffer<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckBroadcast(layout, batch, a.Length, b.Length, destination.Length, "Broadcast");
        if (!destination.IsHost)
        {
            DeviceBroadcast(a, b, batch, layout, multiply, destination);
            return;
        }
        HostBroadcast(a.Span, b.Span, batch, layout, multiply, destination.Span);
    }

    private static void HostBroadcast<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int batch, FusedBroadcast layout, bool multiply, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<long> sizes = stackalloc long[FusedBroadcast.MaxRank + 1];
        Span<long> strideA = stackalloc long[FusedBroadcast.MaxRank + 1];
        Span<long> strideB = stackalloc long[FusedBroadcast.MaxRank + 1];
        Span<long> index = stackalloc long[FusedBroadcast.MaxRank + 1];
        int rank = layout.Layout(batch, sizes, strideA, strideB);
        int n = (int)sizes[rank - 1];
        bool rowA = strideA[rank - 1] != 0, rowB = strideB[rank - 1] != 0;
        long offsetA = 0, offsetB = 0;
        index[..rank].Clear();
        for (int start = 0; start < destination.Length; start += n)
        {
            var y = destination.Slice(start, n);
            // + and ⊙ commute exactly, so a row of one operand with one element of the other is one TensorPrimitives call.
            switch (rowA, rowB)
            {
                case (true, true):
                    if (multiply) TensorPrimitives.Multiply(a.Slice((int)offsetA, n), b.Slice((int)offsetB, n), y);
                    else TensorPrimitives.Add(a.Slice((int)offsetA, n), b.Slice((int)offsetB, n), y);
                    break;
                case (true, false):
                    if (multiply) TensorPrimitives.Multiply(a.Slice((int)offsetA, n), b[(int)offsetB], y);
                    else TensorPrimitives.Add(a.Slice((int)offsetA, n), b[(int)offsetB], y);
                    break;
                case (false, true):
                    if (multiply) TensorPrimitives.Multiply(b.Slice((int)offsetB, n), a[(int)offsetA], y);
                    else TensorPrimitives.Add(b.Slice((int)offsetB, n), a[(int)offsetA], y);
                    break;
                default:
                    y.Fill(multiply ? a[(int)offsetA] * b[(int)offsetB] : a[(int)offsetA] + b[(int)offsetB]);
                    break;
            }
            NextRow(rank, sizes, strideA, strideB, index, ref offsetA, ref offsetB);
        }
    }

    /// <summary>
    /// The gradient of one operand of <see cref="Broadcast{T}"/>: dY (times the other operand, for a product) summed over
    /// the dimensions that operand was stretched along, so it has the operand's shape, as PyTorch's <c>sum_to</c> reduces it.
    /// </summary>
    /// <param name="gradOutput">dY: batch × <see cref="FusedBroadcast.ResultSize"/> elements.</param>
    /// <param name="other">The other operand's saved values for a product; empty for a sum.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="layout">The shapes, fixed at compile time.</param>
    /// <param name="operand">0 for the left operand's gradient, 1 for the right's.</param>
    /// <param name="accumulate">Add to <paramref name="gradient"/> (another reader's part is there) rather than overwrite it.</param>
    /// <param name="gradient">The operand's gradient: batch × its sample size elements.</param>
    public static void BroadcastBackward<T>(PlanBuffer<T> gradOutput, PlanBuffer<T> other, int batch, FusedBroadcast layout, int operand, bool accumulate,
        PlanBuffer<T> gradient) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (operand is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(operand), operand, "BroadcastBackward: the operand is 0 (left) or 1 (right)");
        bool multiply = !other.IsEmpty;
        long otherSize = multiply ? other.Length : (long)batch * (operand == 0 ? layout.SizeB : layout.SizeA);
        CheckBroadcast(layout, batch, operand == 0 ? gradient.Length : otherSize, operand == 0 ? otherSize : gradient.Length, gradOutput.Length, "BroadcastBackward");
        if (!gradient.IsHost)
        {
            DeviceBroadcastBackward(gradOutput, other, batch, layout, operand, accumulate, gradient);
            return;
        }
        HostBroadcastBackward(gradOutput.Span, other.IsEmpty ? default : other.Span, batch, layout, operand, accumulate, gradient.Span);
    }

    private static void HostBroadcastBackward<T>(ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> other, int batch, FusedBroadcast layout, int operand, bool accumulate,
        Span<T> gradient) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool multiply = !other.IsEmpty;
        Span<long> sizes = stackalloc long[FusedBroadcast.MaxRank + 1];
        Span<long> strideA = stackalloc long[FusedBroadcast.MaxRank + 1];
        Span<long> strideB = stackalloc long[FusedBroadcast.MaxRank + 1];
        Span<long> index = stackalloc long[FusedBroadcast.MaxRank + 1];
        int rank = layout.Layout(batch, sizes, strideA, strideB);
        // Walk as (target, other): the operand whose gradient this is first.
        var strideT = operand == 0 ? strideA : strideB;
        var strideO = operand == 0 ? strideB : strideA;
        int n = (int)sizes[rank - 1];
        bool rowT = strideT[rank - 1] != 0, rowO = strideO[rank - 1] != 0;
        if (!accumulate) gradient.Clear();
        long offsetT = 0, offsetO = 0;
        index[..rank].Clear();
        for (int start = 0; start < gradOutput.Length; start += n)
        {
            var dy = gradOutput.Slice(start, n);
            if (!multiply)
            {
                if (rowT) TensorPrimitives.Add(gradient.Slice((int)offsetT, n), dy, gradient.Slice((int)offsetT, n));
                else gradient[(int)offsetT] += TensorPrimitives.Sum(dy);
            }
            else
            {
                switch (rowT, rowO)
                {
                    case (true, true):
                        TensorPrimitives.FusedMultiplyAdd(dy, other.Slice((int)offsetO, n), gradient.Slice((int)offsetT, n), gradient.Slice((int)offsetT, n));
                        break;
                    case (true, false):
                        TensorPrimitives.FusedMultiplyAdd(dy, other[(int)offsetO], gradient.Slice((int)offsetT, n), gradient.Slice((int)offsetT, n));
                        break;
                    case (false, true):
                        gradient[(int)offsetT] += TensorPrimitives.Dot(dy, other.Slice((int)offsetO, n));
                        break;
                    default:
                        gradient[(int)offsetT] += TensorPrimitives.Sum(dy) * other[(int)offsetO];
                        break;
                }
            }
            NextRow(rank, sizes, strideT, strideO, index, ref offsetT, ref offsetO);
        }
    }

    // Advances the odometer over the dimensions before the innermost one, moving both operands' offsets.
    private static void NextRow(int rank, ReadOnlySpan<long> sizes, ReadOnlySpan<long> strideA, ReadOnlySpan<long> strideB, Span<long> index,
        ref long offsetA, ref long offsetB)
    {
        for (int d = rank - 2; d >= 0; d--)
        {
            offsetA += strideA[d];
            offsetB += strideB[d];
            if (++index[d] < sizes[d]) return;
            offsetA -= strideA[d] * sizes[d];
            offsetB -= strideB[d] * sizes[d];
            index[d] = 0;
        }
    }

    private static void CheckBroadcast(FusedBroadcast layout, int batch, long a, long b, long result, string what)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (batch < 1 || a != batch * layout.SizeA || b != batch * layout.SizeB || result != batch * layout.ResultSize)
            throw new ArgumentException($"{what}: for {batch} samples the operands need {batch * layout.SizeA} and {batch * layout.SizeB} elements " +
                                        $"and the result {batch * layout.ResultSize}, but they have {a}, {b} and {result}.");
    }
}
