using System.Numerics;

namespace StaticNet.Kernels.Cpu.Gemm;

/// <summary>
/// The cache blocking of the GEMM loop nest (<see cref="GemmDriver{T, TKernel}"/>), derived from the caches of the CPU
/// the process runs on (<see cref="CpuCaches"/>) and the micro-kernel's tile, not fixed per kernel.
/// </summary>
/// <remarks>
/// The driver's macro-kernel walks the A micro-panels outside and the B micro-panels inside, so:
/// <list type="bullet">
/// <item><b>KC</b> (depth): one A micro-panel, MR·KC elements, is read once per B micro-panel and must stay in L1d;
/// it gets 9/16 of it, the rest holds the B micro-panel rows streaming through and the C tile. A deeper block means
/// fewer passes over C, so KC is as large as that allows, up to 512.</item>
/// <item><b>NC</b> (width): the packed B block, KC·NC elements, is swept once per A micro-panel and must stay in L2; it
/// gets half of it.</item>
/// <item><b>MC</b> (height): the packed A block is written once and read once per B block; a quarter of L2 keeps it
/// from evicting B.</item>
/// </list>
/// On Zen 4 (L1d 32 KiB, L2 1 MiB, float, 12 x 32 tile) this gives KC 384 — the depth measured best there — and on
/// Zen 5 / Emerald Rapids (48 KiB L1d) KC 512. The earlier fixed NC of 2048 (a 3 MiB B block) spilled out of every L2 the
/// project meets once n passed 512, which is where W1's GFLOP/s halved. The FMA width and count do not enter: the
/// micro-kernels keep 24 (AVX-512) or 12 (AVX2) accumulators, enough to cover latency x pipes on all of them.
/// </remarks>
internal readonly record struct GemmBlocking(int KC, int MC, int NC)
{
    /// <summary>The blocking of <typeparamref name="TKernel"/> over <typeparamref name="T"/> for the given caches.</summary>
    public static unsafe GemmBlocking For<T, TKernel>(CpuCaches caches)
        where T : unmanaged, IFloatingPointIeee754<T> where TKernel : IMicroKernel<T> =>
        For(caches, TKernel.MR, TKernel.NR, sizeof(T));

    /// <summary>The model itself, on plain numbers (tests check it for the CPUs in bench/results).</summary>
    public static GemmBlocking For(CpuCaches caches, int mr, int nr, int elementBytes)
    {
        int kc = Clamp(RoundDown(caches.L1DataBytes * 9 / 16 / ((long)mr * elementBytes), 8), 64, 512);
        int nc = Clamp(RoundDown(caches.L2Bytes / 2 / ((long)kc * elementBytes), nr), 4 * nr, 4096);
        int mc = Clamp(RoundDown(caches.L2Bytes / 4 / ((long)kc * elementBytes), mr), mr, 40 * mr);
        return new GemmBlocking(kc, mc, nc);
    }

    private static int RoundDown(long value, int unit) => (int)Math.Min(int.MaxValue, value / unit * unit);

    private static int Clamp(int value, int min, int max) => Math.Max(min, Math.Min(max, value));
}

/// <summary>The blocking for this machine, computed once per kernel and element type.</summary>
internal static class GemmBlocking<T, TKernel> where T : unmanaged, IFloatingPointIeee754<T> where TKernel : IMicroKernel<T>
{
    public static readonly GemmBlocking Current = GemmBlocking.For<T, TKernel>(CpuCaches.Current);
}
