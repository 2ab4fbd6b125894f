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

    /// <summary>d = x^y for Float32 and Float64 (T.Pow: Math.Pow's semantics, as the CPU's PowOperator).</summary>
    public static void FloatPow<T>(ArrayView<T> d, ArrayView<T> x, ArrayView<T> y, GpuLayout ld, GpuLayout lx, GpuLayout ly, long n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride) d[ld.At(i)] = T.Pow(x[lx.At(i)], y[ly.At(i)]);
    }

    /// <summary>d = x^y for the integer types (the CPU's PowOperator.IntegerPower; negative exponents are refused before).</summary>
    public static void IntegerPow<T>(ArrayView<T> d, ArrayView<T> x, ArrayView<T> y, GpuLayout ld, GpuLayout lx, GpuLayout ly, long n)
        where T : unmanaged, INumber<T>
    {
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride) d[ld.At(i)] = PowOperator.IntegerPower(x[lx.At(i)], y[ly.At(i)]);
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

    /// <summary>
    /// Pass 1 of a reduction with few outputs and many elements each: partial p of output o combines the elements
    /// r ≡ p (mod parts) of that output (neighbouring threads read neighbouring elements), so every thread has work even
    /// when there is one output; <see cref="Reduce{T, TOp}"/> then combines each output's partials. Needs parts ≤ count.
    /// </summary>
    public static void ReducePartial<T, TOp>(ArrayView<T> partials, ArrayView<T> input, GpuLayout kept, GpuLayout reduced, long outputs, long count, long parts)
        where T : unmanaged, INumber<T> where TOp : IReduceOperator
    {
        for (long i = Grid.GlobalIndex.X; i < outputs * parts; i += Stride)
        {
            long o = i / parts, p = i % parts;
            long start = kept.At(o);
            T acc = input[start + reduced.At(p)];
            for (long r = p + parts; r < count; r += parts) acc = TOp.Combine(acc, input[start + reduced.At(r)]);
            partials[i] = acc;
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

    /// <summary>The same with 4×4 tiles (ILGPU's CPU accelerator allows 16 threads per group): how the tests run the tiled kernel there.</summary>
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
        if (row < s.M && col < s.N) PutScaled(c, s.COffset + batch * s.CBatch + row * s.CRow + col * s.CCol, acc, alpha, beta);
    }

    /// <summary>
    /// C = alpha·A·B + beta·C with no shared memory and no barrier: each thread computes 4×4 blocks of C (a grid-stride
    /// loop over the blocks of every batch), each with one k loop reading A and B from the views. The kernel for ILGPU's
    /// CPU accelerator, where a group barrier is a rendezvous of OS threads (see IlgpuBackend.GemmKernel). Rows and
    /// columns past C's edge read the last row or column (so every read is in bounds) and are not written.
    /// </summary>
    public static void GemmBlocks<T>(ArrayView<T> c, ArrayView<T> a, ArrayView<T> b, GemmShape s, T alpha, T beta, long batches)
        where T : unmanaged, INumber<T>
    {
        long rowBlocks = (s.M + 3) / 4, colBlocks = (s.N + 3) / 4, perBatch = rowBlocks * colBlocks;
        for (long t = Grid.GlobalIndex.X; t < perBatch * batches; t += Stride)
        {
            long batch = t / perBatch, block = t % perBatch;
            long i0 = block / colBlocks * 4, j0 = block % colBlocks * 4;
            long aBase = s.AOffset + batch * s.ABatch, bBase = s.BOffset + batch * s.BBatch;
            long a0 = aBase + i0 * s.ARow, a1 = aBase + Last(i0 + 1, s.M) * s.ARow;
            long a2 = aBase + Last(i0 + 2, s.M) * s.ARow, a3 = aBase + Last(i0 + 3, s.M) * s.ARow;
            long b0 = bBase + j0 * s.BCol, b1 = bBase + Last(j0 + 1, s.N) * s.BCol;
            long b2 = bBase + Last(j0 + 2, s.N) * s.BCol, b3 = bBase + Last(j0 + 3, s.N) * s.BCol;
            T c00 = T.Zero, c01 = T.Zero, c02 = T.Zero, c03 = T.Zero, c10 = T.Zero, c11 = T.Zero, c12 = T.Zero, c13 = T.Zero;
            T c20 = T.Zero, c21 = T.Zero, c22 = T.Zero, c23 = T.Zero, c30 = T.Zero, c31 = T.Zero, c32 = T.Zero, c33 = T.Zero;
            for (long p = 0; p < s.K; p++)
            {
                long ap = p * s.ACol, bp = p * s.BRow;
                T x0 = a[a0 + ap], x1 = a[a1 + ap], x2 = a[a2 + ap], x3 = a[a3 + ap];
                T y0 = b[b0 + bp], y1 = b[b1 + bp], y2 = b[b2 + bp], y3 = b[b3 + bp];
                c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
                c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
                c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
                c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
            }
            long cBase = s.COffset + batch * s.CBatch;
            PutBlockRow(c, s, cBase, i0, j0, c00, c01, c02, c03, alpha, beta);
            PutBlockRow(c, s, cBase, i0 + 1, j0, c10, c11, c12, c13, alpha, beta);
            PutBlockRow(c, s, cBase, i0 + 2, j0, c20, c21, c22, c23, alpha, beta);
            PutBlockRow(c, s, cBase, i0 + 3, j0, c30, c31, c32, c33, alpha, beta);
        }
    }

    /// <summary>index, or the last valid one (count − 1) past the edge.</summary>
    private static long Last(long index, long count) => index < count ? index : count - 1;

    /// <summary>Writes one row of a 4×4 block (the part inside C).</summary>
    private static void PutBlockRow<T>(ArrayView<T> c, GemmShape s, long cBase, long row, long j0, T v0, T v1, T v2, T v3, T alpha, T beta)
        where T : unmanaged, INumber<T>
    {
        if (row >= s.M) return;
        long at = cBase + row * s.CRow + j0 * s.CCol;
        PutScaled(c, at, v0, alpha, beta);
        if (j0 + 1 < s.N) PutScaled(c, at + s.CCol, v1, alpha, beta);
        if (j0 + 2 < s.N) PutScaled(c, at + 2 * s.CCol, v2, alpha, beta);
        if (j0 + 3 < s.N) PutScaled(c, at + 3 * s.CCol, v3, alpha, beta);
    }

    /// <summary>c[at] = alpha·acc + beta·c[at], not reading c when beta is 0 (PyTorch: NaN in c is then ignored).</summary>
    private static void PutScaled<T>(ArrayView<T> c, long at, T acc, T alpha, T beta) where T : unmanaged, INumber<T> =>
        c[at] = beta == T.Zero ? alpha * acc : alpha * acc + beta * c[at];

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
