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
        lock (_lock)
        {
            for (int i = 0; i < destination.Length; i++)
                destination[i] = Distributions.UnitDouble(_engine.Next64()) < p ? success : T.Zero;
        }
    }
}
