using System.Numerics;
using StaticNet.Kernels;

namespace StaticNet.Fused;

/// <summary>
/// The layout steps of a plan on a GPU device: broadcasting <c>+</c>/<c>*</c>, <c>Torch.Cat</c> and the output
/// gradients of a plan with several outputs. Each views the workspace buffers as (strided) tensors and runs the device
/// backend's element-wise, copy and reduction kernels; the walks are the ones the host steps make.
/// </summary>
public static partial class FusedOps
{
    /// <summary><c>destination += gradient</c>: the second gradient of a value a plan returns twice.</summary>
    /// <param name="gradient">The gradient of one output, of the value's shape.</param>
    /// <param name="destination">The value's gradient buffer (already holding the first output's part).</param>
    public static void AddGradient<T>(Tensor gradient, PlanBuffer<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (gradient.Numel != destination.Length)
            throw new ArgumentException($"FusedOps.AddGradient: a gradient of shape {gradient.Shape} does not fill the plan's buffer of {destination.Length} elements.", nameof(gradient));
        if (destination.IsHost)
        {
            var d = destination.Span;
            System.Numerics.Tensors.TensorPrimitives.Add(d, Data<T>(gradient), d);
            return;
        }
        var to = destination.View(destination.Length);
        var g = gradient.Device == to.Device ? gradient : gradient.To(to.Device);
        Backends.Of(to).Binary<T, AddOperator>(to, g.To(DTypeExtensions.Of<T>()).Reshape(destination.Length), to);
    }

    // The broadcast walk as strided views: each operand's strides in the result's (merged) index space, 0 where stretched.
    private static (long[] Shape, long[] StrideA, long[] StrideB) BroadcastViews(FusedBroadcast layout, int batch)
    {
        Span<long> sizes = stackalloc long[FusedBroadcast.MaxRank + 1];
        Span<long> strideA = stackalloc long[FusedBroadcast.MaxRank + 1];
        Span<long> strideB = stackalloc long[FusedBroadcast.MaxRank + 1];
        int rank = layout.Layout(batch, sizes, strideA, strideB);
        return (sizes[..rank].ToArray(), strideA[..rank].ToArray(), strideB[..rank].ToArray());
    }

    private static void DeviceBroadcast<T>(PlanBuffer<T> a, PlanBuffer<T> b, int batch, FusedBroadcast layout, bool multiply, PlanBuffer<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (shape, strideA, strideB) = BroadcastViews(layout, batch);
        var d = destination.View(shape);
        var x = a.StridedView(shape, strideA);
        var y = b.StridedView(shape, strideB);
        if (multiply) Backends.Of(d).Binary<T, MultiplyOperator>(x, y, d);
        else Backends.Of(d).Binary<T, AddOperator>(x, y, d);
    }

    // dOperand = Σ over its stretched dimensions of dY (⊙ the other operand for a product), written or added into its
    // buffer viewed with size 1 along those dimensions.
    private static void DeviceBroadcastBackward<T>(PlanBuffer<T> gradOutput, PlanBuffer<T> other, int batch, FusedBroadcast layout, int operand,
        bool accumulate, PlanBuffer<T> gradient) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (shape, strideA, strideB) = BroadcastViews(layout, batch);
        var strideT = operand == 0 ? strideA : strideB;
        var strideO = operand == 0 ? strideB : strideA;
        var dy = gradOutput.View(shape);
        var backend = Backends.Of(dy);
        var term = dy;
        if (!other.IsEmpty)
        {
            term = new Tensor(shape, dy.DType, dy.Device, zeroed: false);
            backend.Binary<T, MultiplyOperator>(dy, other.StridedView(shape, strideO), term);
        }
        var stretched = new List<int>();
        var targetShape = (long[])shape.Clone();
        for (int d = 0; d < shape.Length; d++)
        {
            if (strideT[d] != 0 || shape[d] == 1) continue;
            stretched.Add(d);
            targetShape[d] = 1;
        }
        var reduced = stretched.Count == 0 ? term : term.Sum([.. stretched], keepDim: true);
        var target = gradient.StridedView(targetShape, strideT);
        if (accumulate) backend.Binary<T, AddOperator>(target, reduced, target);
        else Backends.Copy(reduced, target);
    }

    // Input part's rows go to columns [offset, offset + length) of the result's rows.
    private static void DeviceCatPart<T>(PlanBuffer<T> input, long rows, int length, long offset, long row, PlanBuffer<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (length == 0) return;
        Backends.Copy(input.View(rows, length), output.View(rows, row).Narrow(1, offset, length));
    }

    private static void DeviceCatPartBackward<T>(PlanBuffer<T> gradOutput, long rows, int length, long offset, long row, bool accumulate,
        PlanBuffer<T> gradInput) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (length == 0) return;
        var source = gradOutput.View(rows, row).Narrow(1, offset, length);
        var target = gradInput.View(rows, length);
        if (accumulate) Backends.Of(target).Binary<T, AddOperator>(target, source, target);
        else Backends.Copy(source, target);
    }
}
