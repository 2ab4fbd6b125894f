using System.Numerics;
using ILGPU;

namespace StaticNet.Kernels.Ilgpu;

/// <summary>
/// The kernel bodies. Element-wise kernels are grid-stride loops (a launch covers any length with a fixed grid, which
/// also keeps ILGPU's CPU accelerator fast) generic over the same operator structs as the CPU loops; their scalar
/// <c>Invoke</c> is the body.
/// </summary>
internal static class IlgpuKernels
{
    private static long Stride => (long)Grid.DimX * Group.DimX;

    public static void Binary<T, TOp>(ArrayView<T> d, ArrayView<T> x, ArrayView<T> y, GpuLayout ld, GpuLayout lx, GpuLayout ly, long n)
        where T : unmanaged, INumber<T> where TOp : IBinaryOperator
    {
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride) d[ld.At(i)] = TOp.Invoke(x[lx.At(i)], y[ly.At(i)]);
    }

    public static void Unary<T, TOp>(ArrayView<T> d, ArrayView<T> x, GpuLayout ld, GpuLayout lx, long n)
        where T : unmanaged, INumber<T> where TOp : IUnaryOperator
    {
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride) d[ld.At(i)] = TOp.Invoke(x[lx.At(i)]);
    }

    public static void FloatUnary<T, TOp>(ArrayView<T> d, ArrayView<T> x, GpuLayout ld, GpuLayout lx, long n)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IFloatUnaryOperator
    {
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride) d[ld.At(i)] = TOp.Invoke(x[lx.At(i)]);
    }

    public static void Compare<T, TOp>(ArrayView<byte> d, ArrayView<T> x, ArrayView<T> y, GpuLayout ld, GpuLayout lx, GpuLayout ly, long n)
        where T : unmanaged, INumber<T> where TOp : ICompareOperator
    {
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride) d[ld.At(i)] = TOp.Invoke(x[lx.At(i)], y[ly.At(i)]) ? (byte)1 : (byte)0;
    }

    public static void Where<T>(ArrayView<T> d, ArrayView<byte> c, ArrayView<T> x, ArrayView<T> y, GpuLayout ld, GpuLayout lc, GpuLayout lx, GpuLayout ly, long n)
        where T : unmanaged
    {
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride) d[ld.At(i)] = c[lc.At(i)] != 0 ? x[lx.At(i)] : y[ly.At(i)];
    }

    public static void Copy<T>(ArrayView<T> d, ArrayView<T> s, GpuLayout ld, GpuLayout ls, long n) where T : unmanaged
    {
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride) d[ld.At(i)] = s[ls.At(i)];
    }

    public static void Convert<TS, TD, CS, CD>(ArrayView<TD> d, ArrayView<TS> s, GpuLayout ld, GpuLayout ls, long n)
        where TS : unmanaged where TD : unmanaged where CS : IElementCodec<TS> where CD : IElementCodec<TD>
    {
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride) d[ld.At(i)] = CD.FromDouble(CS.ToDouble(s[ls.At(i)]));
    }

    /// <summary>
    /// Output o = TOp over the reduced elements: input index = kept.At(o) + reduced.At(r). One thread per output,
    /// grid-stride over the outputs (count ≥ 1 reduced element; the host handles empty reductions).
    /// </summary>
    public static void Reduce<T, TOp>(ArrayView<T> output, ArrayView<T> input, GpuLayout lo, GpuLayout kept, GpuLayout reduced, long outputs, long count)
        where T : unmanaged, INumber<T> where TOp : IReduceOperator
    {
        for (long o = Grid.GlobalIndex.X; o < outputs; o += Stride)
        {
            long start = kept.At(o);
            T acc = input[start + reduced.At(0)];
            for (long r = 1; r < count; r++) acc = TOp.Combine(acc, input[start + reduced.At(r)]);
            output[lo.At(o)] = acc;
        }
    }

    /// <summary>The first selected element along one dimension (length <paramref name="count"/>, stride <paramref name="step"/>).</summary>
    public static void ArgReduce<T, TOp>(ArrayView<T> values, ArrayView<long> indices, ArrayView<T> input, GpuLayout lo, GpuLayout kept,
        long step, long count, long outputs)
        where T : unmanaged, INumber<T> where TOp : IArgReduceOperator
    {
        for (long o = Grid.GlobalIndex.X; o < outputs; o += Stride)
        {
            long start = kept.At(o);
            T best = input[start];
            long at = 0;
            for (long r = 1; r < count; r++)
            {
                T c = input[start + r * step];
                if (TOp.Replaces(c, best)) { best = c; at = r; }
            }
            long w = lo.At(o);
            values[w] = best;
            indices[w] = at;
        }
    }

    /// <summary>
    /// C = alpha·A·B + beta·C for one tile of C per group: each thread of a Tile×Tile group loads one element of an A
    /// tile and one of a B tile into shared memory, the group waits, and each thread adds the tile's products to its
    /// output (the k loop reads shared memory only). The grid's Z dimension walks the batch.
    /// </summary>
    public static void Gemm16<T>(ArrayView<T> c, ArrayView<T> a, ArrayView<T> b, GemmShape s, T alpha, T beta)
        where T : unmanaged, INumber<T>
    {
        var tileA = SharedMemory.Allocate<T>(16 * 16);
        var tileB = SharedMemory.Allocate<T>(16 * 16);
        GemmTile(c, a, b, s, alpha, beta, tileA, tileB, 16);
    }

    /// <summary>The same with 4×4 tiles: ILGPU's CPU accelerator allows 16 threads per group.</summary>
    public static void Gemm4<T>(ArrayView<T> c, ArrayView<T> a, ArrayView<T> b, GemmShape s, T alpha, T beta)
        where T : unmanaged, INumber<T>
    {
        var tileA = SharedMemory.Allocate<T>(4 * 4);
        var tileB = SharedMemory.Allocate<T>(4 * 4);
        GemmTile(c, a, b, s, alpha, beta, tileA, tileB, 4);
    }

    private static void GemmTile<T>(ArrayView<T> c, ArrayView<T> a, ArrayView<T> b, GemmShape s, T alpha, T beta,
        ArrayView<T> tileA, ArrayView<T> tileB, int tile) where T : unmanaged, INumber<T>
    {
        int tx = Group.IdxX, ty = Group.IdxY;
        long col = (long)Grid.IdxX * tile + tx, row = (long)Grid.IdxY * tile + ty, batch = Grid.IdxZ;
        long aBase = s.AOffset + batch * s.ABatch, bBase = s.BOffset + batch * s.BBatch;
        T acc = T.Zero;
        for (long t = 0; t < s.K; t += tile)
        {
            tileA[ty * tile + tx] = row < s.M && t + tx < s.K ? a[aBase + row * s.ARow + (t + tx) * s.ACol] : T.Zero;
            tileB[ty * tile + tx] = t + ty < s.K && col < s.N ? b[bBase + (t + ty) * s.BRow + col * s.BCol] : T.Zero;
            Group.Barrier();
            for (int kk = 0; kk < tile; kk++) acc += tileA[ty * tile + kk] * tileB[kk * tile + tx];
            Group.Barrier();
        }
        if (row < s.M && col < s.N)
        {
            long w = s.COffset + batch * s.CBatch + row * s.CRow + col * s.CCol;
            c[w] = beta == T.Zero ? alpha * acc : alpha * acc + beta * c[w];
        }
    }

    /// <summary>softmax / log_softmax of rows: each row is <paramref name="length"/> elements <paramref name="step"/> apart.</summary>
    public static void Softmax<T>(ArrayView<T> y, ArrayView<T> x, GpuLayout rows, long step, long length, long count, int log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (long r = Grid.GlobalIndex.X; r < count; r += Stride)
        {
            long start = rows.At(r);
            T max = x[start];
            for (long i = 1; i < length; i++) { T v = x[start + i * step]; if (v > max || T.IsNaN(v)) max = v; }
            T sum = T.Zero;
            for (long i = 0; i < length; i++) sum += T.Exp(x[start + i * step] - max);
            if (log != 0)
            {
                T lse = T.Log(sum);
                for (long i = 0; i < length; i++) y[start + i * step] = x[start + i * step] - max - lse;
            }
            else
            {
                for (long i = 0; i < length; i++) y[start + i * step] = T.Exp(x[start + i * step] - max) / sum;
            }
        }
    }

    /// <summary>The softmax (or log_softmax) input gradient from dy and y, row by row.</summary>
    public static void SoftmaxBackward<T>(ArrayView<T> dx, ArrayView<T> g, ArrayView<T> y, GpuLayout rows, long step, long length, long count, int log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (long r = Grid.GlobalIndex.X; r < count; r += Stride)
        {
            long start = rows.At(r);
            T dot = T.Zero;
            for (long i = 0; i < length; i++) dot += log != 0 ? g[start + i * step] : g[start + i * step] * y[start + i * step];
            for (long i = 0; i < length; i++)
            {
                long at = start + i * step;
                dx[at] = log != 0 ? g[at] - T.Exp(y[at]) * dot : y[at] * (g[at] - dot);
            }
        }
    }

    /// <summary>
    /// Per element of an [N, C, inner] input (contiguous) and an [N, inner] Int64 target: loss = −w[t]·x[n, t, i] (0
    /// for the ignored class) and the weight counted, for the host to sum.
    /// </summary>
    public static void NllLoss<T>(ArrayView<T> losses, ArrayView<T> weights, ArrayView<T> x, ArrayView<long> target, ArrayView<T> classWeight,
        long classes, long inner, long ignoreIndex, long count, int hasWeight)
        where T : unmanaged, INumber<T>
    {
        for (long e = Grid.GlobalIndex.X; e < count; e += Stride)
        {
            long t = target[e];
            if (t == ignoreIndex) { losses[e] = T.Zero; weights[e] = T.Zero; continue; }
            long n = e / inner, i = e % inner;
            T w = hasWeight != 0 ? classWeight[t] : T.One;
            losses[e] = -w * x[(n * classes + t) * inner + i];
            weights[e] = w;
        }
    }

    /// <summary>dx[n, t, i] = −w[t]·scale (scale is one value, or one per element for reduction 'none').</summary>
    public static void NllLossBackward<T>(ArrayView<T> dx, ArrayView<long> target, ArrayView<T> classWeight, ArrayView<T> scale,
        long classes, long inner, long ignoreIndex, long count, int hasWeight, int perElement)
        where T : unmanaged, INumber<T>
    {
        for (long e = Grid.GlobalIndex.X; e < count; e += Stride)
        {
            long t = target[e];
            if (t == ignoreIndex) continue;
            long n = e / inner, i = e % inner;
            T w = hasWeight != 0 ? classWeight[t] : T.One;
            dx[(n * classes + t) * inner + i] = -w * scale[perElement != 0 ? e : 0];
        }
    }
}

/// <summary>The sizes and strides of a batched GEMM, as one kernel argument.</summary>
internal readonly record struct GemmShape(
    long M, long N, long K,
    long AOffset, long ARow, long ACol, long ABatch,
    long BOffset, long BRow, long BCol, long BBatch,
    long COffset, long CRow, long CCol, long CBatch);
