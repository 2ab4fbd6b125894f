using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNet.Kernels.Cpu;

/// <summary>
/// The single pass an optimizer step makes over one parameter: each element of the parameter, its gradient and its
/// state buffers is loaded once, updated by the rule and stored once. No temporary tensors, no allocation: the
/// tail shorter than a vector goes through stack buffers, so the rule is written once and has no scalar twin.
/// </summary>
internal static unsafe class FusedUpdate
{
    /// <summary>Parameters with at least this many elements are updated on all cores (a 784×512 weight is 401,408).</summary>
    private const int ParallelThreshold = 1 << 16;

    /// <summary>Runs <paramref name="rule"/> over all elements. Buffers that the rule does not use are empty spans.</summary>
    public static void Run<T, TRule>(in TRule rule, Span<T> p, ReadOnlySpan<T> g, Span<T> a = default, Span<T> b = default, Span<T> c = default)
        where T : unmanaged
        where TRule : struct, IFusedUpdate<T>
    {
        int n = p.Length;
        bool hasA = !a.IsEmpty, hasB = !b.IsEmpty, hasC = !c.IsEmpty;
        // The callers pass buffers shaped like the parameter; a mismatch would read past a buffer, so it is a bug here.
        if (g.Length != n || (hasA && a.Length != n) || (hasB && b.Length != n) || (hasC && c.Length != n))
            throw new InvalidOperationException($"optimizer step: parameter has {n} elements but a gradient or state buffer has a different count.");
        int threads = Math.Min(CpuParallelism.MaxThreads, n / (ParallelThreshold / 2));
        if (n >= ParallelThreshold && threads > 1)
        {
            // A large parameter is memory-bound: each core streams its own slice (pinned for the call).
            fixed (T* pp = p, pg = g, pa = a, pb = b, pc = c)
            {
                var body = new Slices<T, TRule>(rule, pp, pg, pa, pb, pc, n, threads);
                CpuWorkers.For(threads, ref body, threads);
            }
            return;
        }
        Serial(rule, p, g, a, b, c);
    }

    /// <summary>Slice k of a parallel update: elements [n·k/slices, n·(k+1)/slices), cut at whole vectors.</summary>
    private readonly struct Slices<T, TRule>(TRule rule, T* p, T* g, T* a, T* b, T* c, int n, int slices) : IParallelBody
        where T : unmanaged
        where TRule : struct, IFusedUpdate<T>
    {
        public void Invoke(int k)
        {
            int w = Vector<T>.Count;
            int lo = (int)((long)n * k / slices) / w * w;
            int hi = k == slices - 1 ? n : (int)((long)n * (k + 1) / slices) / w * w;
            int len = hi - lo;
            Serial(rule, new Span<T>(p + lo, len), new ReadOnlySpan<T>(g + lo, len), Part(a, lo, len), Part(b, lo, len), Part(c, lo, len));
        }

        private static Span<T> Part(T* buffer, int lo, int len) => buffer == null ? default : new Span<T>(buffer + lo, len);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Serial<T, TRule>(in TRule rule, Span<T> p, ReadOnlySpan<T> g, Span<T> a, Span<T> b, Span<T> c)
        where T : unmanaged
        where TRule : struct, IFusedUpdate<T>
    {
        int n = p.Length;
        bool hasA = !a.IsEmpty, hasB = !b.IsEmpty, hasC = !c.IsEmpty;
        ref T rp = ref MemoryMarshal.GetReference(p);
        ref T rg = ref MemoryMarshal.GetReference(g);
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        ref T rc = ref MemoryMarshal.GetReference(c);
        int w = Vector<T>.Count, i = 0;
        Vector<T> va = default, vb = default, vc = default;
        for (; i <= n - w; i += w)
        {
            nuint at = (nuint)i;
            var vp = Vector.LoadUnsafe(ref rp, at);
            var vg = Vector.LoadUnsafe(ref rg, at);
            if (hasA) va = Vector.LoadUnsafe(ref ra, at);
            if (hasB) vb = Vector.LoadUnsafe(ref rb, at);
            if (hasC) vc = Vector.LoadUnsafe(ref rc, at);
            rule.Apply(ref vp, vg, ref va, ref vb, ref vc);
            vp.StoreUnsafe(ref rp, at);
            if (hasA) va.StoreUnsafe(ref ra, at);
            if (hasB) vb.StoreUnsafe(ref rb, at);
            if (hasC) vc.StoreUnsafe(ref rc, at);
        }
        if (i < n) Tail(rule, p[i..], g[i..], hasA ? a[i..] : default, hasB ? b[i..] : default, hasC ? c[i..] : default);
    }

    // The last n % w elements, padded with zeros to one vector; the padding lanes are computed and thrown away.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Tail<T, TRule>(in TRule rule, Span<T> p, ReadOnlySpan<T> g, Span<T> a, Span<T> b, Span<T> c)
        where T : unmanaged
        where TRule : struct, IFusedUpdate<T>
    {
        Vector<T> vp = default, vg = default, va = default, vb = default, vc = default;
        p.CopyTo(AsSpan(ref vp));
        g.CopyTo(AsSpan(ref vg));
        a.CopyTo(AsSpan(ref va));
        b.CopyTo(AsSpan(ref vb));
        c.CopyTo(AsSpan(ref vc));
        rule.Apply(ref vp, vg, ref va, ref vb, ref vc);
        AsSpan(ref vp)[..p.Length].CopyTo(p);
        AsSpan(ref va)[..a.Length].CopyTo(a);
        AsSpan(ref vb)[..b.Length].CopyTo(b);
        AsSpan(ref vc)[..c.Length].CopyTo(c);
    }

    private static Span<T> AsSpan<T>(ref Vector<T> v) where T : unmanaged =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<Vector<T>, T>(ref v), Vector<T>.Count);
}
