using System.Numerics;
using StaticNet.Kernels;

namespace StaticNet.Autograd;

/// <summary>
/// For every element, the product of the other elements of its slice along a dimension: the derivative of prod.
/// Each slice is done as an exclusive prefix product times an exclusive suffix product (PyTorch's
/// prod_safe_zeros_backward), which never divides, so zeros in the input give exact answers.
/// </summary>
internal static class ProductOfOthers
{
    /// <summary>A tensor of <paramref name="x"/>'s shape and dtype (floating, rank ≥ 1) holding, at each position,
    /// the product of the other elements along <paramref name="dim"/>.</summary>
    public static Tensor Along(Tensor x, int dim)
    {
        int d = Tensor.NormalizeDim(dim, x.Dim);
        // Move the dimension last so that every slice is a contiguous row.
        var rows = x.Transpose(d, -1).Contiguous();
        var result = new Tensor(rows.ShapeArray, x.DType, x.Device, zeroed: false);
        if (rows.Numel > 0)
        {
            var action = new RowsAction(rows, result, rows.Size(-1));
            DTypeDispatch.Float(x.DType, ref action);
        }
        return result.Transpose(d, -1);
    }

    private readonly struct RowsAction(Tensor input, Tensor output, long length) : IFloatAction
    {
        public void Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            var src = input.ContiguousSpan<T>();
            var dst = output.ContiguousSpan<T>();
            int n = (int)length;
            for (int start = 0; start < src.Length; start += n)
            {
                var row = src.Slice(start, n);
                var res = dst.Slice(start, n);
                var acc = T.One;
                for (int i = 0; i < n; i++)
                {
                    res[i] = acc;
                    acc *= row[i];
                }
                acc = T.One;
                for (int i = n - 1; i >= 0; i--)
                {
                    res[i] *= acc;
                    acc *= row[i];
                }
            }
        }
    }
}
