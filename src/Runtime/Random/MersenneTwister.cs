using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet;

/// <summary>
/// The 32-bit Mersenne Twister (MT19937, Matsumoto and Nishimura 1998) as PyTorch's <c>at::mt19937</c> runs it:
/// <c>init_genrand</c> seeding and a whole-state regeneration every 624 draws. Not thread-safe: the owning
/// <see cref="Generator"/> holds its lock around every use.
/// </summary>
internal sealed class MersenneTwister
{
    private const int N = 624, M = 397;
    private const uint MatrixA = 0x9908b0dfu, UpperMask = 0x80000000u, LowerMask = 0x7fffffffu;
    private readonly uint[] _state = new uint[N];
    private int _next;

    /// <summary>Knuth's initialisation from a 32-bit seed (PyTorch keeps only the low 32 bits of its 64-bit seed).</summary>
    public void Seed(uint seed)
    {
        var s = _state;
        s[0] = seed;
        for (int i = 1; i < N; i++) s[i] = 1812433253u * (s[i - 1] ^ (s[i - 1] >> 30)) + (uint)i;
        _next = N; // the first draw regenerates the state, as at::mt19937 does (left_ = 1)
    }

    /// <summary>The next 32 bits (<c>random()</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Next32()
    {
        if (_next >= N) Regenerate();
        // _next < N here: read without a bounds check, this is the innermost loop of every random fill.
        uint y = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_state), _next++);
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>64 bits from two draws, the first in the high half (<c>random64()</c>, make64BitsFrom32Bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Next64()
    {
        ulong hi = Next32();
        return (hi << 32) | Next32();
    }

    /// <summary>
    /// The next <c>destination.Length</c> draws, exactly as that many <see cref="Next32"/> calls would return them,
    /// tempered eight at a time: the bulk path of every fill.
    /// </summary>
    public void Fill(Span<uint> destination)
    {
        int done = 0;
        while (done < destination.Length)
        {
            if (_next >= N) Regenerate();
            int take = Math.Min(N - _next, destination.Length - done);
            Temper(_state.AsSpan(_next, take), destination.Slice(done, take));
            _next += take;
            done += take;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Temper(ReadOnlySpan<uint> state, Span<uint> output)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var b = Vector256.Create(0x9d2c5680u);
            var c = Vector256.Create(0xefc60000u);
            for (; i + 8 <= state.Length; i += 8)
            {
                var y = Vector256.Create(state.Slice(i, 8));
                y ^= y >>> 11;
                y ^= (y << 7) & b;
                y ^= (y << 15) & c;
                y ^= y >>> 18;
                y.CopyTo(output.Slice(i, 8));
            }
        }
        for (; i < state.Length; i++)
        {
            uint y = state[i];
            y ^= y >> 11;
            y ^= (y << 7) & 0x9d2c5680u;
            y ^= (y << 15) & 0xefc60000u;
            y ^= y >> 18;
            output[i] = y;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Regenerate()
    {
        var s = _state;
        int i = 0;
        for (; i < N - M; i++) s[i] = s[i + M] ^ Twist(s[i], s[i + 1]);
        for (; i < N - 1; i++) s[i] = s[i + M - N] ^ Twist(s[i], s[i + 1]);
        s[N - 1] = s[M - 1] ^ Twist(s[N - 1], s[0]);
        _next = 0;
    }

    private static uint Twist(uint u, uint v) => (((u & UpperMask) | (v & LowerMask)) >> 1) ^ ((v & 1) != 0 ? MatrixA : 0u);
}
