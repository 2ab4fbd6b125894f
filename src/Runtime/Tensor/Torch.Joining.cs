using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

public static partial class Torch
{
    /// <summary>
    /// Joins tensors along an existing dimension (<c>torch.cat</c>): [2, 3] and [2, 3] give [4, 3] along dim 0 and
    /// [2, 6] along dim 1. The dtype is the promotion of all inputs' dtypes.
    /// </summary>
    /// <remarks>As in PyTorch, 1-D empty tensors (shape [0]) are skipped whatever the other shapes, a legacy rule that
    /// lets <c>Cat([Torch.Empty(0), x])</c> start an accumulation. Each input is written by the strided copy into a
    /// narrowed view of the result, converting its dtype on the way.</remarks>
    /// <param name="tensors">Tensors of one rank whose shapes agree except in <paramref name="dim"/>.</param>
    /// <param name="dim">The dimension to join along (negative counts from the end).</param>
    /// <exception cref="ArgumentException">The list is empty, holds a 0-dim tensor, or the ranks or other sizes differ.</exception>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException("torch.cat(): expected a non-empty list of Tensors");
        for (int i = 0; i < tensors.Count; i++)
        {
            if (tensors[i].Dim == 0)
                throw new ArgumentException($"zero-dimensional tensor (at position {i}) cannot be concatenated");
            if (i > 0) Devices.CheckSame("cat", tensors[0], tensors[i]);
        }
        var dtype = TypePromotion.ResultType(tensors);
        int first = -1;
        for (int i = 0; i < tensors.Count && first < 0; i++) if (!IsSkipped(tensors[i])) first = i;
        if (first < 0) return RecordCat(new Tensor([0], dtype), tensors, 0);

        var reference = tensors[first];
        int d = StaticNet.Tensor.NormalizeDim(dim, reference.Dim);
        var shape = reference.ShapeArray.ToArray();
        shape[d] = 0;
        for (int i = first; i < tensors.Count; i++)
        {
            var t = tensors[i];
            if (IsSkipped(t)) continue;
            if (t.Dim != reference.Dim)
                throw new ArgumentException($"Tensors must have same number of dimensions: got {reference.Dim} and {t.Dim}");
            for (int k = 0; k < t.Dim; k++)
            {
                if (k == d || t.ShapeSpan[k] == reference.ShapeSpan[k]) continue;
                throw new ArgumentException(
                    $"Sizes of tensors must match except in dimension {d}. Expected size {reference.ShapeSpan[k]} but got size {t.ShapeSpan[k]} " +
                    $"for tensor number {i} in the list. (Tensor {first} has shape {reference.Shape}, tensor {i} has shape {t.Shape}.)");
            }
            shape[d] += t.ShapeSpan[d];
        }

        var result = new Tensor(shape, dtype, reference.Device, zeroed: false);
        long offset = 0;
        foreach (var t in tensors)
        {
            if (IsSkipped(t)) continue;
            long length = t.ShapeSpan[d];
            if (length > 0) Backends.Copy(t, result.Narrow(d, offset, length));
            offset += length;
        }
        return RecordCat(result, tensors, d);
    }

    /// <summary>Records CatBackward0 with one edge per input, skipped ones included, as PyTorch's next_functions show.</summary>
    private static Tensor RecordCat(Tensor result, IReadOnlyList<Tensor> tensors, int dim)
    {
        if (!Graph.ShouldRecord(tensors)) return result;
        var skipped = new bool[tensors.Count];
        for (int i = 0; i < skipped.Length; i++) skipped[i] = IsSkipped(tensors[i]);
        return Graph.Record(result, new CatBackward0(tensors, skipped, dim), tensors.ToArray());
    }

    /// <summary>The legacy rule of cat: a 1-D tensor with no elements is left out whatever the other shapes.</summary>
    private static bool IsSkipped(Tensor t) => t.Dim == 1 && t.ShapeSpan[0] == 0;

    /// <summary>
    /// Joins tensors of one shape along a new dimension (<c>torch.stack</c>): two [2, 3] tensors give [2, 2, 3] at
    /// dim 0, [2, 2, 3] at dim 1 and [2, 3, 2] at dim 2 (or -1).
    /// </summary>
    /// <param name="tensors">Tensors of equal shapes; their dtypes are promoted together.</param>
    /// <param name="dim">Where the new dimension goes, in 0..rank (negative counts from the end of the result).</param>
    /// <exception cref="ArgumentException">The list is empty or two shapes differ (the message names both).</exception>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException("stack expects a non-empty TensorList");
        var first = tensors[0];
        for (int i = 1; i < tensors.Count; i++)
        {
            if (!tensors[i].ShapeSpan.SequenceEqual(first.ShapeSpan))
                throw new ArgumentException(
                    $"stack expects each tensor to be equal size, but got {first.Shape} at entry 0 and {tensors[i].Shape} at entry {i}");
            Devices.CheckSame("stack", first, tensors[i]);
        }
        int d = StaticNet.Tensor.NormalizeDim(dim, first.Dim + 1);
        var shape = new List<long>(first.ShapeArray);
        shape.Insert(d, tensors.Count);
        var result = new Tensor(shape.ToArray(), TypePromotion.ResultType(tensors), tensors[0].Device, zeroed: false);
        for (int i = 0; i < tensors.Count; i++) Backends.Copy(tensors[i], result.Select(d, i));
        return Graph.ShouldRecord(tensors) ? Graph.Record(result, new StackBackward0(tensors, d), tensors.ToArray()) : result;
    }

    /// <summary>Views of consecutive pieces of <paramref name="splitSize"/> along <paramref name="dim"/> (<c>torch.split</c>).</summary>
    public static Tensor[] Split(Tensor x, long splitSize, int dim = 0) => x.Split(splitSize, dim);

    /// <summary>Views of consecutive pieces of the given sizes along <paramref name="dim"/> (<c>torch.split(x, [2, 3])</c>).</summary>
    public static Tensor[] Split(Tensor x, long[] sections, int dim = 0) => x.Split(sections, dim);

    /// <summary>At most <paramref name="chunks"/> views along <paramref name="dim"/> (<c>torch.chunk</c>).</summary>
    public static Tensor[] Chunk(Tensor x, int chunks, int dim = 0) => x.Chunk(chunks, dim);
}
