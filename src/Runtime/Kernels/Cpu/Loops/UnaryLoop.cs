using System.Numerics;

namespace StaticNet.Kernels.Cpu;

/// <summary>The one loop for unary element-wise operators: destination = op(x), over strided tensors of one dtype.</summary>
internal static class UnaryLoop
{
    public static void Run<T, TOp>(Tensor x, Tensor destination, int cost = 1)
        where T : unmanaged, INumber<T> where TOp : IUnaryOperator
    {
        if (DenseOperands.Applies(destination, x)) { TOp.Invoke(DenseOperands.Span<T>(x), DenseOperands.Span<T>(destination)); return; }
        var layout = StridedLayout.For(destination.ShapeSpan, destination, x);
        layout.Run(new RowKernel<T, TOp>(layout, destination.Storage, x.Storage), cost);
    }

    public static void RunFloat<T, TOp>(Tensor x, Tensor destination, int cost = 8)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IFloatUnaryOperator
    {
        if (DenseOperands.Applies(destination, x)) { TOp.Invoke(DenseOperands.Span<T>(x), DenseOperands.Span<T>(destination)); return; }
        var layout = StridedLayout.For(destination.ShapeSpan, destination, x);
        layout.Run(new FloatRow<T, TOp>(layout, destination.Storage, x.Storage), cost);
    }

    private readonly struct RowKernel<T, TOp>(StridedLayout layout, Storage d, Storage x) : IRowKernel
        where T : unmanaged, INumber<T> where TOp : IUnaryOperator
    {
        private readonly long _sd = layout.InnerStride(0), _sx = layout.InnerStride(1);

        public void Row(ReadOnlySpan<long> o, int n)
        {
            Span<T> D = d.Raw<T>();
            ReadOnlySpan<T> X = x.Raw<T>();
            if (_sd == 1 && _sx == 1) { TOp.Invoke(X.Slice((int)o[1], n), D.Slice((int)o[0], n)); return; }
            long id = o[0], ix = o[1];
            for (int i = 0; i < n; i++, id += _sd, ix += _sx) D[(int)id] = TOp.Invoke(X[(int)ix]);
        }
    }

    private readonly struct FloatRow<T, TOp>(StridedLayout layout, Storage d, Storage x) : IRowKernel
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IFloatUnaryOperator
    {
        private readonly long _sd = layout.InnerStride(0), _sx = layout.InnerStride(1);

        public void Row(ReadOnlySpan<long> o, int n)
        {
            Span<T> D = d.Raw<T>();
            ReadOnlySpan<T> X = x.Raw<T>();
            if (_sd == 1 && _sx == 1) { TOp.Invoke(X.Slice((int)o[1], n), D.Slice((int)o[0], n)); return; }
            long id = o[0], ix = o[1];
            for (int i = 0; i < n; i++, id += _sd, ix += _sx) D[(int)id] = TOp.Invoke(X[(int)ix]);
        }
    }
}
