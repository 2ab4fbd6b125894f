using System.Numerics;

namespace StaticNet.Kernels.Cpu;

/// <summary>The ternary select loop: destination = condition ? x : y, all broadcast to the destination's shape.</summary>
internal static class WhereLoop
{
    public static void Run(Tensor condition, Tensor x, Tensor y, Tensor destination)
    {
        var action = new Action(condition, x, y, destination);
        DTypeDispatch.Numeric(destination.DType, ref action);
    }

    private readonly struct Action(Tensor c, Tensor x, Tensor y, Tensor d) : INumericAction
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            var layout = StridedLayout.For(d.ShapeSpan, d, c, x, y);
            layout.Run(new RowKernel<T>(layout, d.Storage, c.Storage, x.Storage, y.Storage));
        }
    }

    private readonly struct RowKernel<T>(StridedLayout layout, Storage d, Storage c, Storage x, Storage y) : IRowKernel
        where T : unmanaged, INumber<T>
    {
        private readonly long _sd = layout.InnerStride(0), _sc = layout.InnerStride(1), _sx = layout.InnerStride(2), _sy = layout.InnerStride(3);

        public void Row(ReadOnlySpan<long> o, int n)
        {
            Span<T> D = d.Raw<T>();
            ReadOnlySpan<bool> C = c.Raw<bool>();
            ReadOnlySpan<T> X = x.Raw<T>(), Y = y.Raw<T>();
            long id = o[0], ic = o[1], ix = o[2], iy = o[3];
            for (int i = 0; i < n; i++, id += _sd, ic += _sc, ix += _sx, iy += _sy)
                D[(int)id] = C[(int)ic] ? X[(int)ix] : Y[(int)iy];
        }
    }
}
