using ILGPU;

namespace StaticNet.Kernels.Ilgpu;

/// <summary>The optimizers' element rules over device buffers.</summary>
internal static class IlgpuOptimizerKernels
{
    private static long Stride => (long)Grid.DimX * Group.DimX;

    /// <summary>
    /// p, a, b, c = rule(p, g, a, b, c) element by element. Bits 1, 2, 4 of <paramref name="used"/> say which state
    /// buffers exist; the others read as zero and are not stored (their views are placeholders).
    /// </summary>
    public static void Update<T, TRule>(ArrayView<T> p, ArrayView<T> g, ArrayView<T> a, ArrayView<T> b, ArrayView<T> c,
        TRule rule, int used, long n) where T : unmanaged where TRule : struct, IElementUpdate<T>
    {
        for (long i = Grid.GlobalIndex.X; i < n; i += Stride)
        {
            T pi = p[i];
            T ai = (used & 1) != 0 ? a[i] : default;
            T bi = (used & 2) != 0 ? b[i] : default;
            T ci = (used & 4) != 0 ? c[i] : default;
            rule.Apply(ref pi, g[i], ref ai, ref bi, ref ci);
            p[i] = pi;
            if ((used & 1) != 0) a[i] = ai;
            if ((used & 2) != 0) b[i] = bi;
            if ((used & 4) != 0) c[i] = ci;
        }
    }
}
