using System.Numerics;

namespace StaticNet.Kernels.Cpu;

/// <summary>The dtype-dispatched bodies of the CPU backend's random fills: the generator draws straight into the tensor's memory.</summary>
internal static class RandomFills
{
    public readonly struct Uniform(Tensor target, Generator g, double low, double high) : IFloatAction
    {
        public void Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T> => g.FillUniform(target.ContiguousSpan<T>(), low, high);
    }

    public readonly struct Normal(Tensor target, Generator g, double mean, double std, bool bulk) : IFloatAction
    {
        public void Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T> => g.FillNormal(target.ContiguousSpan<T>(), mean, std, bulk);
    }

    public readonly struct RandInt(Tensor target, Generator g, long low, long high) : INumericAction
    {
        public void Invoke<T>() where T : unmanaged, INumber<T> => g.FillRandInt(target.ContiguousSpan<T>(), low, high);
    }

    // A kept element holds 1/q computed in T, as PyTorch's noise.div_(1 - p).
    public readonly struct Bernoulli(Tensor target, Generator g, double q) : IFloatAction
    {
        public void Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
            g.FillBernoulli(target.ContiguousSpan<T>(), q, T.One / T.CreateTruncating(q));
    }
}
