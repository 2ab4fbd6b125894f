using System.Numerics;
using StaticNet.Kernels;
using StaticNet.NN;

namespace StaticNet;

public static partial class F
{
    /// <summary>
    /// Inverted dropout (<c>F.dropout</c>): in training each element is zeroed with probability <paramref name="p"/>
    /// and the survivors are scaled by 1/(1 − p), so the expected value is unchanged; otherwise x itself is returned.
    /// </summary>
    /// <remarks>
    /// As PyTorch on the CPU: the mask is drawn with <c>bernoulli_(1 − p)</c> from the generator (the same seed gives
    /// PyTorch's mask), filled with 1/(1 − p) in x's dtype, and multiplied in, so the result records
    /// <c>MulBackward0</c> with edges (x, none). p = 1 multiplies by zero; p = 0 and evaluation return x.
    /// </remarks>
    /// <param name="x">A floating tensor of any shape.</param>
    /// <param name="p">The probability of zeroing an element, in [0, 1].</param>
    /// <param name="training">Apply dropout (true) or return x unchanged (false, as in evaluation).</param>
    /// <param name="inplace">Multiply into x and return it.</param>
    /// <param name="generator">The generator to draw the mask from; the default generator when null.</param>
    public static Tensor Dropout(Tensor x, double p = 0.5, bool training = true, bool inplace = false, Generator? generator = null)
    {
        CheckDropoutProbability(p);
        if (p == 0 || !training || x.Numel == 0) return x;
        RequireFloating("dropout", x);
        Tensor noise;
        if (p == 1) noise = Torch.Zeros([], x.DType, device: x.Device);
        else
        {
            noise = new Tensor(x.ShapeArray, x.DType, x.Device, zeroed: false);
            Backends.Of(noise).FillBernoulli(noise, generator ?? Generator.Default, 1 - p);
        }
        return inplace ? x.Mul_(noise) : x.Mul(noise);
    }

    internal static void CheckDropoutProbability(double p)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(nameof(p), $"dropout probability has to be between 0 and 1, but got {PythonRepr.Float(p)}");
    }
}
