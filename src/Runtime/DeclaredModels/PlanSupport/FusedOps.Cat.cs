using System.Numerics;
using System.Numerics.Tensors;

namespace StaticNet.Fused;

public static partial class FusedOps
{
    /// <summary>
    /// Writes input <paramref name="part"/> of a <c>Torch.Cat</c> into its place in every row of the result (the plan calls this
    /// once per input, in order).
    /// </summary>
    /// <param name="input">The input: batch × Rows × its part elements, row-major.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="layout">The sizes, fixed at compile time.</param>
    /// <param name="part">Which input this is.</param>
    /// <param name="output">The result: batch × Rows × RowLength elements.</param>
    public static void CatPart<T>(PlanBuffer<T> input, int batch, FusedConcat layout, int part, PlanBuffer<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (rows, length, offset, row) = CheckCat(layout, batch, part, input.Length, output.Length, "Cat");
        if (!output.IsHost)
        {
            DeviceCatPart(input, rows, length, offset, row, output);
            return;
        }
        HostCatPart(input.Span, rows, length, offset, row, output.Span);
    }

    private static void HostCatPart<T>(ReadOnlySpan<T> input, long rows, int length, long offset, long row, Span<T> output) where T : unmanaged
    {
        for (long r = 0; r < rows; r++)
            input.Slice((int)(r * length), length).CopyTo(output.Slice((int)(r * row + offset), length));
    }

    /// <summary>
    /// The gradient of input <paramref name="part"/> of a <c>Torch.Cat</c>: its slice of dY in every row, written into (or added to)
    /// <paramref name="gradInput"/>.
    /// </summary>
    /// <param name="gradOutput">dY: batch × Rows × RowLength elements.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="layout">The sizes, fixed at compile time.</param>
    /// <param name="part">Which input this is.</param>
    /// <param name="accumulate">Add to <paramref name="gradInput"/> (another reader's part is there) rather than overwrite it.</param>
    /// <param name="gradInput">The input's gradient: batch × Rows × its part elements.</param>
    public static void CatPartBackward<T>(PlanBuffer<T> gradOutput, int batch, FusedConcat layout, int part, bool accumulate, PlanBuffer<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (rows, length, offset, row) = CheckCat(layout, batch, part, gradInput.Length, gradOutput.Length, "CatBackward");
        if (!gradInput.IsHost)
        {
            DeviceCatPartBackward(gradOutput, rows, length, offset, row, accumulate, gradInput);
            return;
        }
        HostCatPartBackward(gradOutput.Span, rows, length, offset, row, accumulate, gradInput.Span);
    }

    private static void HostCatPartBackward<T>(ReadOnlySpan<T> gradOutput, long rows, int length, long offset, long row, bool accumulate, Span<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (long r = 0; r < rows; r++)
        {
            var source = gradOutput.Slice((int)(r * row + offset), length);
            var target = gradInput.Slice((int)(r * length), length);
            if (accumulate) TensorPrimitives.Add(target, source, target);
            else source.CopyTo(target);
        }
    }

    private static (long Rows, int Length, long Offset, long Row) CheckCat(FusedConcat layout, int batch, int part, long input, long output, string what)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if ((uint)part >= (uint)layout.Count) throw new ArgumentOutOfRangeException(nameof(part), part, $"{what}: there are {layout.Count} inputs");
        long rows = (long)batch * layout.Rows, length = layout.Part(part);
        if (batch < 1 || input != rows * length || output != rows * layout.RowLength)
            throw new ArgumentException($"{what}: for {batch} samples input {part} needs {rows * length} elements and the result {rows * layout.RowLength}, " +
                                        $"but they have {input} and {output}.");
        return (rows, (int)length, layout.Offset(part), layout.RowLength);
    }
}
