using System.Numerics;

namespace StaticNet;

public sealed partial class Generator
{
    /// <summary>
    /// Bernoulli draws with success probability <paramref name="p"/> (<c>bernoulli_(p)</c>): writes
    /// <paramref name="success"/> or zero, one element after another.
    /// </summary>
    /// <remarks>
    /// PyTorch's CPU kernel without MKL (the build the reference uses): each element takes one 64-bit draw, turns
    /// it into a double uniform u in [0, 1) and succeeds when u &lt; p. The same seed therefore gives PyTorch's mask,
    /// and the generator advances by two 32-bit draws per element, as PyTorch's does.
    /// </remarks>
    internal void FillBernoulli<T>(Span<T> destination, double p, T success) where T : unmanaged, INumber<T>
    {
        // u = (bits & (2^53 - 1)) · 2^-53 is exact, so u < p  ⇔  bits53 < p · 2^53  ⇔  bits53 < ⌈p · 2^53⌉: an integer
        // compare on the raw draws gives the same mask without converting each draw to a double.
        ulong threshold = (ulong)Math.Ceiling(Math.Clamp(p, 0, 1) * Unit53);
        Span<uint> draws = stackalloc uint[2 * BernoulliChunk];
        lock (_lock)
        {
            for (int start = 0; start < destination.Length; start += BernoulliChunk)
            {
                int count = Math.Min(BernoulliChunk, destination.Length - start);
                var chunk = draws[..(2 * count)];
                _engine.Fill(chunk); // tempered eight at a time; the same stream as 2·count Next32 calls
                var dst = destination.Slice(start, count);
                for (int i = 0; i < dst.Length; i++)
                {
                    ulong bits = (((ulong)chunk[2 * i] << 32) | chunk[2 * i + 1]) & (Unit53 - 1);
                    dst[i] = bits < threshold ? success : T.Zero;
                }
            }
        }
    }

    private const ulong Unit53 = 1ul << 53;
    private const int BernoulliChunk = 256;
}
