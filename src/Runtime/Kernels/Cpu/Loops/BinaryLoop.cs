using System.Numerics;

namespace StaticNet.Kernels.Cpu;

/// <summary>The one loop for binary element-wise operators: destination = op(x, y), with broadcasting and strides.</summary>
internal static class BinaryLoop
{
    /// <summary>Runs <typeparamref name="TOp"/> over tensors already of dtype T; <paramref name="destination"/> has the broadcast shape.</summary>
    public static void Run<T, TOp>(Tensor x, Tensor y, Tensor destination, int cost = 1)
        where T : unmanaged, INumber<T> where TOp : IBinaryOperator
    {
        if (destination.Numel < StridedLayout.ParallelThreshold && destination.IsContiguous && destination.Numel > 0)
        {
            bool xDense = DenseOperands.SameDense(destination, x), yDense = DenseOperands.SameDense(destination, y);
            var d = DenseOperands.Span<T>(destination);
            if (xDense && yDense) { TOp.Invoke(DenseOperands.Span<T>(x), DenseOperands.Span<T>(y), d); return; }
            if (xDense && y.Numel == 1) { TOp.Invoke(DenseOperands.Span<T>(x), DenseOperands.Scalar<T>(y), d); return; }
            if (x.Numel == 1 && yDense) { TOp.Invoke(DenseOperands.Scalar<T>(x), DenseOperands.Span<T>(y), d); return; }
        }
        var layout = StridedLayout.For(destination.ShapeSpan, destination, x, y);
        layout.Run(new RowKernel<T, TOp>(layout, destination.Storage, x.Storage, y.Storage), cost);
    }

    private readonly struct RowKernel<T, TOp>(StridedLayout layout, Storage d, Storage x, Storage y) : IRowKernel
        where T : unmanaged, INumber<T> where TOp : IBinaryOperator
    {
        private readonly long _sd = layout.InnerStride(0), _sx = layout.InnerStride(1), _sy = layout.InnerStride(2);

        public void Row(ReadOnlySpan<long> o, int n)
        {
            Span<T> D = d.Raw<T>();
            ReadOnlySpan<T> X = x.Raw<T>(), Y = y.Raw<T>();
            if (_sd == 1)
            {
                var dst = D.Slice((int)o[0], n);
                if (_sx == 1 && _sy == 1) { TOp.Invoke(X.Slice((int)o[1], n), Y.Slice((int)o[2], n), dst); return; }
                if (_sx == 1 && _sy == 0) { TOp.Invoke(X.Slice((int)o[1], n), Y[(int)o[2]], dst); return; }
                if (_sx == 0 && _sy == 1) { TOp.Invoke(X[(int)o[1]], Y.Slice((int)o[2], n), dst); return; }
            }
            long id = o[0], ix = o[1], iy = o[2];
            for (int i = 0; i < n; i++, id += _sd, ix += _sx, iy += _sy)
                D[(int)id] = TOp.Invoke(X[(int)ix], Y[(int)iy]);
        }
    }
}
