using System.Numerics;

namespace StaticNet.Kernels.Cpu;

/// <summary>
/// The loops behind advanced indexing, gather and scatter: element i of the iteration shape reads or writes the
/// storage at (its strided position + <c>offsets[i]</c>), where the Int64 offsets were computed, and bounds-checked,
/// by the caller.
/// </summary>
/// <remarks>
/// Every operand is a tensor restrided over the iteration shape: the indexed tensor has stride 0 on the dimensions
/// the index replaces (the offsets carry the movement there), and the offsets have stride 0 on the dimensions
/// they do not vary along. So <c>x[idx]</c>, <c>x[:, idx]</c>, gather and scatter are the same two loops.
/// </remarks>
internal static class IndexLoop
{
    /// <summary>destination[i] = source[i + offsets[i]], all three shaped like <paramref name="destination"/>.</summary>
    public static void Gather(Tensor source, Tensor offsets, Tensor destination)
    {
        var action = new GatherAction(source, offsets, destination);
        DTypeDispatch.Numeric(destination.DType, ref action);
    }

    /// <summary>
    /// destination[i + offsets[i]] = values[i] (or += when <paramref name="accumulate"/>), all shaped like
    /// <paramref name="offsets"/>. Runs on one core, in row-major order, so that with repeated positions the last
    /// value wins, as in PyTorch's CPU kernel.
    /// </summary>
    public static void Put(Tensor destination, Tensor offsets, Tensor values, bool accumulate)
    {
        var action = new PutAction(destination, offsets, values, accumulate);
        DTypeDispatch.Numeric(destination.DType, ref action);
    }

    private readonly struct GatherAction(Tensor s, Tensor o, Tensor d) : INumericAction
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            var layout = StridedLayout.For(d.ShapeSpan, d, s, o);
            layout.Run(new GatherRow<T>(layout, d.Storage, s.Storage, o.Storage));
        }
    }

    private readonly struct PutAction(Tensor d, Tensor o, Tensor v, bool accumulate) : INumericAction
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            var layout = StridedLayout.For(o.ShapeSpan, d, o, v);
            var kernel = new PutRow<T>(layout, d.Storage, o.Storage, v.Storage, accumulate, d.DType == DType.Bool);
            layout.ForEachRow(ref kernel, 0, layout.Numel);
        }
    }

    private readonly struct GatherRow<T>(StridedLayout layout, Storage d, Storage s, Storage o) : IRowKernel
        where T : unmanaged, INumber<T>
    {
        private readonly long _sd = layout.InnerStride(0), _ss = layout.InnerStride(1), _so = layout.InnerStride(2);

        public void Row(ReadOnlySpan<long> offsets, int n)
        {
            Span<T> D = d.Raw<T>();
            ReadOnlySpan<T> S = s.Raw<T>();
            ReadOnlySpan<long> O = o.Raw<long>();
            long jd = offsets[0], js = offsets[1], jo = offsets[2];
            for (int i = 0; i < n; i++, jd += _sd, js += _ss, jo += _so) D[(int)jd] = S[(int)(js + O[(int)jo])];
        }
    }

    private readonly struct PutRow<T>(StridedLayout layout, Storage d, Storage o, Storage v, bool accumulate, bool isBool) : IRowKernel
        where T : unmanaged, INumber<T>
    {
        private readonly long _sd = layout.InnerStride(0), _so = layout.InnerStride(1), _sv = layout.InnerStride(2);

        public void Row(ReadOnlySpan<long> offsets, int n)
        {
            Span<T> D = d.Raw<T>();
            ReadOnlySpan<long> O = o.Raw<long>();
            ReadOnlySpan<T> V = v.Raw<T>();
            long jd = offsets[0], jo = offsets[1], jv = offsets[2];
            for (int i = 0; i < n; i++, jd += _sd, jo += _so, jv += _sv)
            {
                int at = (int)(jd + O[(int)jo]);
                if (!accumulate) D[at] = V[(int)jv];
                else if (isBool) D[at] = D[at] != T.Zero || V[(int)jv] != T.Zero ? T.One : T.Zero; // bool "+" is "or"
                else D[at] += V[(int)jv];
            }
        }
    }
}
