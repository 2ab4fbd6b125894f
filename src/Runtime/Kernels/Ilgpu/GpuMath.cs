namespace StaticNet.Kernels.Ilgpu;

/// <summary>
/// Scalar special functions in a form ILGPU compiles: the CPU's <c>SpecialFunctions.Erf</c> reads a static table,
/// which a kernel cannot, so the series ratio 2/(2n + 1) is computed in place (the same correctly rounded double, so
/// the same result bit for bit). The GELU formulas are PyTorch's GeluKernel.cpp, as the CPU's <c>Gelu</c>.
/// </summary>
internal static class GpuMath
{
    private const double TwoOverSqrtPi = 1.1283791670955125739;
    private const double OneOverSqrtPi = 0.56418958354775628695;
    private const double InvSqrt2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794;
    private const double Beta = 0.79788456080286535588;
    private const double Kappa = 0.044715;

    /// <summary>erf(x): the positive series below 2.5, erfc's continued fraction below 6, 1 beyond.</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double a = Math.Abs(x), r;
        if (a < 2.5)
        {
            double x2 = a * a, term = a, sum = a;
            for (int n = 1; term > sum * 1e-17; n++)
            {
                term *= x2 * (2.0 / (2 * n + 1));
                sum += term;
            }
            r = TwoOverSqrtPi * Math.Exp(-x2) * sum;
        }
        else if (a < 6)
        {
            double f = a;
            for (int k = 60; k >= 1; k--) f = a + 0.5 * k / f;
            r = 1 - OneOverSqrtPi * Math.Exp(-a * a) / f;
        }
        else r = 1;
        return x < 0 ? -r : r;
    }

    /// <summary>GELU: x·Φ(x), or the tanh approximation when <paramref name="tanh"/> is not 0.</summary>
    public static double Gelu(double x, int tanh) => tanh != 0
        ? 0.5 * x * (1 + Math.Tanh(Beta * (x + Kappa * x * x * x)))
        : 0.5 * x * (1 + Erf(x * InvSqrt2));

    /// <summary>dGELU/dx: Φ(x) + x·φ(x), or the tanh form's derivative.</summary>
    public static double GeluDerivative(double x, int tanh)
    {
        if (tanh == 0) return 0.5 * (1 + Erf(x * InvSqrt2)) + x * InvSqrt2Pi * Math.Exp(-0.5 * x * x);
        double t = Math.Tanh(Beta * (x + Kappa * x * x * x));
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * Beta * (1 + 3 * Kappa * x * x);
    }
}
