using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace StaticNet.Kernels.Cpu;

/// <summary>
/// Strided copy with dtype conversion: destination[...] = (TOut)source[...], the source broadcast to the
/// destination's shape. Floating → integral truncates toward zero; anything → Bool is "non-zero".
/// </summary>
internal static class CopyLoop
{
    public static void Run(Tensor source, Tensor destination)
    {
        switch (source.DType)
        {
            case DType.Float32: Run<float>(source, destination); break;
            case DType.Float64: Run<double>(source, destination); break;
            case DType.Int64: Run<long>(source, destination); break;
            case DType.Int32: Run<int>(source, destination); break;
            case DType.UInt8: case DType.Bool: Run<byte>(source, destination); break;
        }
    }

    private static void Run<TIn>(Tensor s, Tensor d) where TIn : unmanaged, INumber<TIn>
    {
        switch (d.DType)
        {
            case DType.Float32: Run<TIn, float>(s, d); break;
            case DType.Float64: Run<TIn, double>(s, d); break;
            case DType.Int64: Run<TIn, long>(s, d); break;
            case DType.Int32: Run<TIn, int>(s, d); break;
            case DType.UInt8: case DType.Bool: Run<TIn, byte>(s, d); break;
        }
    }

    private static void Run<TIn, TOut>(Tensor s, Tensor d) where TIn : unmanaged, INumber<TIn> where TOut : unmanaged, INumber<TOut>
    {
        // A dense copy of one dtype (a clone, a sample stacked into a batch) is a memmove: no layout to plan.
        if (typeof(TIn) == typeof(TOut) && s.DType == d.DType && s.DType != DType.Bool && s.Numel > 0
            && s.IsContiguous && d.IsContiguous && s.ShapeSpan.SequenceEqual(d.ShapeSpan))
        {
            s.ContiguousSpan<TIn>().CopyTo(d.ContiguousSpan<TIn>());
            return;
        }
        var layout = StridedLayout.For(d.ShapeSpan, d, s);
        layout.Run(new RowKernel<TIn, TOut>(layout, d.Storage, s.Storage, toBool: d.DType == DType.Bool));
    }

    private readonly struct RowKernel<TIn, TOut>(StridedLayout layout, Storage d, Storage s, bool toBool) : IRowKernel
        where TIn : unmanaged, INumber<TIn> where TOut : unmanaged, INumber<TOut>
    {
        private readonly long _sd = layout.InnerStride(0), _ss = layout.InnerStride(1);

        public void Row(ReadOnlySpan<long> o, int n)
        {
            Span<TOut> D = d.Raw<TOut>();
            ReadOnlySpan<TIn> S = s.Raw<TIn>();
            if (toBool)
            {
                long jd = o[0], js = o[1];
                for (int i = 0; i < n; i++, jd += _sd, js += _ss) D[(int)jd] = S[(int)js] != TIn.Zero ? TOut.One : TOut.Zero;
                return;
            }
            if (_sd == 1 && _ss == 1)
            {
                var src = S.Slice((int)o[1], n);
                var dst = D.Slice((int)o[0], n);
                if (typeof(TIn) == typeof(TOut)) MemoryMarshal.Cast<TIn, TOut>(src).CopyTo(dst);
                else TensorPrimitives.ConvertTruncating(src, dst);
                return;
            }
            if (_sd == 1 && _ss == 0)
            {
                D.Slice((int)o[0], n).Fill(TOut.CreateTruncating(S[(int)o[1]]));
                return;
            }
            long id = o[0], isrc = o[1];
            for (int i = 0; i < n; i++, id += _sd, isrc += _ss) D[(int)id] = TOut.CreateTruncating(S[(int)isrc]);
        }
    }
}
