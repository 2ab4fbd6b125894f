using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels.Cpu.Convolution;

/// <summary>A compile-time count: the tile kernels are generic over these so each tile size gets its own unrolled code.</summary>
internal interface ICount
{
    static abstract int Value { get; }
}

internal readonly struct C1 : ICount { public static int Value => 1; }
internal readonly struct C2 : ICount { public static int Value => 2; }
internal readonly struct C3 : ICount { public static int Value => 3; }
internal readonly struct C4 : ICount { public static int Value => 4; }
internal readonly struct C5 : ICount { public static int Value => 5; }
internal readonly struct C6 : ICount { public static int Value => 6; }

/// <summary>
/// Unpacked AVX-512 register tiles for the small-channel convolution (<see cref="DirectConv"/>): a row tile for
/// C = act(bias + A·B) with B's rows contiguous (the column matrix, or dY), and a dot tile for the weight gradient
/// (dW[o, k] = Σ_l dY[o, l]·col[k, l], both rows contiguous along l). Neither packs: the operands are small enough
/// to stay in L1/L2, and a tile of 6 rows matches 6 or 16 output channels where the GEMM's 12-row tile wastes half.
/// </summary>
internal static unsafe partial class ConvTiles<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static int W => Vector512<T>.Count;

    /// <summary>
    /// C [m, n] = act(bias + A [m, k] · B [k, n]), A[i, p] = a[i·ars + p·acs]; B's rows (stride ldb) must be readable up to
    /// n rounded up to whole vectors; only C's first n columns are written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows(int m, int n, int k, T* a, long ars, long acs, T* b, long ldb, T* c, long ldc, T* bias, bool relu)
    {
        int vectors = (n + W - 1) / W;
        for (int j = 0; j < vectors; j += 4)
        {
            int tv = Math.Min(4, vectors - j), valid = Math.Min(4 * W, n - j * W);
            for (int i = 0; i < m; i += 6)
            {
                int tr = Math.Min(6, m - i);
                T* ai = a + i * ars, bj = b + (long)j * W, cij = c + i * ldc + (long)j * W, bi = bias is null ? null : bias + i;
                switch (tv)
                {
                    case 4: RowsOf<C4>(tr, k, ai, ars, acs, bj, ldb, cij, ldc, bi, relu, valid); break;
                    case 3: RowsOf<C3>(tr, k, ai, ars, acs, bj, ldb, cij, ldc, bi, relu, valid); break;
                    case 2: RowsOf<C2>(tr, k, ai, ars, acs, bj, ldb, cij, ldc, bi, relu, valid); break;
                    default: RowsOf<C1>(tr, k, ai, ars, acs, bj, ldb, cij, ldc, bi, relu, valid); break;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowsOf<TV>(int tr, int k, T* a, long ars, long acs, T* b, long ldb, T* c, long ldc, T* bias, bool relu, int valid)
        where TV : struct, ICount
    {
        switch (tr)
        {
            case 6: RowTile<C6, TV>(k, a, ars, acs, b, ldb, c, ldc, bias, relu, valid); break;
            case 5: RowTile<C5, TV>(k, a, ars, acs, b, ldb, c, ldc, bias, relu, valid); break;
            case 4: RowTile<C4, TV>(k, a, ars, acs, b, ldb, c, ldc, bias, relu, valid); break;
            case 3: RowTile<C3, TV>(k, a, ars, acs, b, ldb, c, ldc, bias, relu, valid); break;
            case 2: RowTile<C2, TV>(k, a, ars, acs, b, ldb, c, ldc, bias, relu, valid); break;
            default: RowTile<C1, TV>(k, a, ars, acs, b, ldb, c, ldc, bias, relu, valid); break;
        }
    }

    /// <summary>
    /// acc[i, j] += Σ over <paramref name="vectors"/> whole vectors of x[i, :]·y[j, :] for x [m, ·] and y [n, ·]; acc holds one
    /// vector of partial sums per (i, j) (row stride n) until <see cref="Reduce"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dots(int m, int n, int vectors, T* x, long ldx, T* y, long ldy, Vector512<T>* acc)
    {
        for (int i = 0; i < m; i += 3)
        {
            int ta = Math.Min(3, m - i);
            for (int j = 0; j < n; j += 4)
            {
                int tb = Math.Min(4, n - j);
                T* xi = x + i * ldx, yj = y + j * ldy;
                Vector512<T>* aij = acc + (long)i * n + j;
                switch (ta)
                {
                    case 3: DotsOf<C3>(tb, vectors, xi, ldx, yj, ldy, aij, n); break;
                    case 2: DotsOf<C2>(tb, vectors, xi, ldx, yj, ldy, aij, n); break;
                    default: DotsOf<C1>(tb, vectors, xi, ldx, yj, ldy, aij, n); break;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotsOf<TA>(int tb, int vectors, T* x, long ldx, T* y, long ldy, Vector512<T>* acc, long ldacc) where TA : struct, ICount
    {
        switch (tb)
        {
            case 4: DotTile<TA, C4>(vectors, x, ldx, y, ldy, acc, ldacc); break;
            case 3: DotTile<TA, C3>(vectors, x, ldx, y, ldy, acc, ldacc); break;
            case 2: DotTile<TA, C2>(vectors, x, ldx, y, ldy, acc, ldacc); break;
            default: DotTile<TA, C1>(vectors, x, ldx, y, ldy, acc, ldacc); break;
        }
    }

    /// <summary>target[i] += the lane sum of acc[i], for <paramref name="count"/> accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Reduce(Vector512<T>* acc, T* target, int count)
    {
        for (int i = 0; i < count; i++) target[i] += Vector512.Sum(acc[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TV>(T* c, Vector512<T> v0, Vector512<T> v1, Vector512<T> v2, Vector512<T> v3, bool whole, int valid)
        where TV : struct, ICount
    {
        if (whole)
        {
            v0.Store(c);
            if (TV.Value > 1) v1.Store(c + W);
            if (TV.Value > 2) v2.Store(c + 2 * W);
            if (TV.Value > 3) v3.Store(c + 3 * W);
            return;
        }
        StorePartial(c, v0, v1, v2, v3, valid);
    }

    // The row's last tile: only its valid columns are written (the next row of C follows right after them).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StorePartial(T* c, Vector512<T> v0, Vector512<T> v1, Vector512<T> v2, Vector512<T> v3, int valid)
    {
        T* tile = stackalloc T[4 * Vector512<T>.Count];
        v0.Store(tile);
        v1.Store(tile + W);
        v2.Store(tile + 2 * W);
        v3.Store(tile + 3 * W);
        for (int j = 0; j < valid; j++) c[j] = tile[j];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma(Vector512<T> x, Vector512<T> y, Vector512<T> z) => VectorFma<T>.Of(x, y, z);
}
