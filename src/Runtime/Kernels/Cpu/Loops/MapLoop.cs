namespace StaticNet.Kernels.Cpu;

// Element-wise loops for operators that carry runtime settings (a leaky-ReLU slope, GELU's approximation): unlike
// the static operator structs of UnaryLoop/BinaryLoop, these are instance structs, still called without virtual
// dispatch because the loop is generic over the struct type.

/// <summary>d = f(x) for one element type, with a span form for contiguous rows.</summary>
internal interface IMapFunction<T> where T : unmanaged
{
    T Invoke(T x);
    void Invoke(ReadOnlySpan<T> x, Span<T> destination);
}

/// <summary>d = f(a, b) (a backward formula: gradient and saved input), with a span form for contiguous rows.</summary>
internal interface IMap2Function<T> where T : unmanaged
{
    T Invoke(T a, T b);
    void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination);
}

/// <summary>Runs map functions over strided tensors of one dtype (destination shaped like the inputs).</summary>
internal static class MapLoop
{
    public static void Run<T, TF>(TF f, Tensor x, Tensor destination, int cost)
        where T : unmanaged where TF : struct, IMapFunction<T>
    {
        var layout = StridedLayout.For(destination.ShapeSpan, destination, x);
        layout.Run(new Row1<T, TF>(f, layout, destination.Storage, x.Storage), cost);
    }

    public static void Run<T, TF>(TF f, Tensor a, Tensor b, Tensor destination, int cost)
        where T : unmanaged where TF : struct, IMap2Function<T>
    {
        var layout = StridedLayout.For(destination.ShapeSpan, destination, a, b);
        layout.Run(new Row2<T, TF>(f, layout, destination.Storage, a.Storage, b.Storage), cost);
    }

    private readonly struct Row1<T, TF>(TF f, StridedLayout layout, Storage d, Storage x) : IRowKernel
        where T : unmanaged where TF : struct, IMapFunction<T>
    {
        private readonly long _sd = layout.InnerStride(0), _sx = layout.InnerStride(1);

        public void Row(ReadOnlySpan<long> o, int n)
        {
            Span<T> D = d.Raw<T>();
            ReadOnlySpan<T> X = x.Raw<T>();
            if (_sd == 1 && _sx == 1) { f.Invoke(X.Slice((int)o[1], n), D.Slice((int)o[0], n)); return; }
            long id = o[0], ix = o[1];
            for (int i = 0; i < n; i++, id += _sd, ix += _sx) D[(int)id] = f.Invoke(X[(int)ix]);
        }
    }

    private readonly struct Row2<T, TF>(TF f, StridedLayout layout, Storage d, Storage a, Storage b) : IRowKernel
        where T : unmanaged where TF : struct, IMap2Function<T>
    {
        private readonly long _sd = layout.InnerStride(0), _sa = layout.InnerStride(1), _sb = layout.InnerStride(2);

        public void Row(ReadOnlySpan<long> o, int n)
        {
            Span<T> D = d.Raw<T>();
            ReadOnlySpan<T> A = a.Raw<T>(), B = b.Raw<T>();
            if (_sd == 1 && _sa == 1 && _sb == 1) { f.Invoke(A.Slice((int)o[1], n), B.Slice((int)o[2], n), D.Slice((int)o[0], n)); return; }
            long id = o[0], ia = o[1], ib = o[2];
            for (int i = 0; i < n; i++, id += _sd, ia += _sa, ib += _sb) D[(int)id] = f.Invoke(A[(int)ia], B[(int)ib]);
        }
    }
}
