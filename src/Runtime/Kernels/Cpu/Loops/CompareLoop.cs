using System.Numerics;

namespace StaticNet.Kernels.Cpu;

/// <summary>The one loop for comparisons: a Bool destination = op(x, y), with broadcasting and strides.</summary>
internal static class CompareLoop
{
    public static void Run<T, TOp>(Tensor x, Tensor y, Tensor destination)
        where T : unmanaged, INumber<T> where TOp : ICompareOperator
    {
        var layout = StridedLayout.For(destination.ShapeSpan, destination, x, y);
        layout.Run(new RowKernel<T, TOp>(layout, destination.Storage, x.Storage, y.Storage));
    }

    private readonly struct RowKernel<T, TOp>(StridedLayout layout, Storage d, Storage x, Storage y) : IRowKernel
        where T : unmanaged, INumber<T> where TOp : ICompareOperator
    {
        private readonly long _sd = layout.InnerStride(0), _sx = layout.InnerStride(1), _sy = layout.InnerStride(2);

        public void Row(ReadOnlySpan<long> o, int n)
        {
            Span<bool> D = d.Raw<bool>();
            ReadOnlySpan<T> X = x.Raw<T>(), Y = y.Raw<T>();
            long id = o[0], ix = o[1], iy = o[2];
            for (int i = 0; i < n; i++, id += _sd, ix += _sx, iy += _sy)
                D[(int)id] = TOp.Invoke(X[(int)ix], Y[(int)iy]);
        }
    }
}
