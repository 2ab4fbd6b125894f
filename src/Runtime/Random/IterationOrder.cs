namespace StaticNet;

/// <summary>
/// The order in which PyTorch's TensorIterator visits the elements of a strided tensor, which is the order in
/// which a random fill draws its numbers: dimensions sorted by stride, the smallest stride innermost (memory
/// order for a transposed tensor, row-major order for a contiguous one or a slice).
/// </summary>
internal static class IterationOrder
{
    /// <summary>
    /// A view of <paramref name="tensor"/> whose row-major order is TensorIterator's order for it: filling a
    /// contiguous buffer of the view's shape and copying it into the view places draw k where PyTorch puts it.
    /// </summary>
    public static Tensor View(Tensor tensor)
    {
        var shape = tensor.ShapeSpan;
        var strides = tensor.StridesSpan;
        int rank = shape.Length;
        // perm[0] is the innermost dimension; start from the reversed order and insertion-sort as
        // TensorIteratorBase::reorder_dimensions does (a stride of 0 never decides).
        var perm = new int[rank];
        for (int i = 0; i < rank; i++) perm[i] = rank - 1 - i;
        for (int i = 1; i < rank; i++)
        {
            int dim1 = i;
            for (int dim0 = i - 1; dim0 >= 0; dim0--)
            {
                int comparison = ShouldSwap(shape, strides, perm[dim0], perm[dim1]);
                if (comparison > 0)
                {
                    (perm[dim0], perm[dim1]) = (perm[dim1], perm[dim0]);
                    dim1 = dim0;
                }
                else if (comparison < 0) break;
            }
        }
        var newShape = new long[rank];
        var newStrides = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            newShape[i] = shape[perm[rank - 1 - i]];
            newStrides[i] = strides[perm[rank - 1 - i]];
        }
        return tensor.AsStrided(newShape, newStrides, tensor.StorageOffset);
    }

    private static int ShouldSwap(ReadOnlySpan<long> shape, ReadOnlySpan<long> strides, int dim0, int dim1)
    {
        long s0 = strides[dim0], s1 = strides[dim1];
        if (s0 == 0 || s1 == 0) return 0;
        if (s0 != s1) return s0 < s1 ? -1 : 1;
        return shape[dim0] > shape[dim1] ? 1 : 0; // equal strides: the smaller dimension goes inside
    }
}
