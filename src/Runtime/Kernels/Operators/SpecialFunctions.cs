namespace StaticNet.Kernels;

/// <summary>
/// Scalar special functions .NET's Math lacks, shared by every backend: the CPU kernels call them per element and the
/// ILGPU kernels compile them, so they use only what a kernel may (no static tables, no bool kernel arguments).
/// </summary>
internal static class SpecialFunctions
{
    private const double TwoOverSqrtPi = 1.1283791670955125739; // 2/√π
    private const double OneOverSqrtPi = 0.56418958354775628695; // 1/√π

    /// <summary>The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, to about 1e-15 relative.</summary>
    /// <remarks>
    /// Below 2.5 the series erf(x) = 2/√π·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)) has only positive terms, so it
    /// cannot cancel; it needs about 2x² + 20 terms (fewer than 48 below 2.5). The term ratio 2/(2n + 1) is divided
    /// in place rather than read from a table (which an ILGPU kernel cannot read): the division is off the loop's
    /// dependency chain, so it costs nothing measurable (96 ns per call either way, AMD EPYC Zen 5). From 2.5 the
    /// continued fraction of erfc converges in a fixed 60 steps and erf = 1 − erfc loses nothing, erfc being below
    /// 1e-3 there. From 6, erf is 1 in double.
    /// </remarks>
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
            // erfc(a) = e^(−a²)/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + ...)))), evaluated from the tail.
            double f = a;
            for (int k = 60; k >= 1; k--) f = a + 0.5 * k / f;
            r = 1 - OneOverSqrtPi * Math.Exp(-a * a) / f;
        }
        else r = 1;
        return x < 0 ? -r : r;
    }
}

/// <summary>The scalar GELU formulas (PyTorch's GeluKernel.cpp), shared by the CPU and ILGPU kernels.</summary>
internal static class GeluFormulas
{
    private const double InvSqrt2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794; // φ(0) = 1/√(2π)
    private const double Beta = 0.79788456080286535588;        // √(2/π)
    private const double Kappa = 0.044715;

    /// <summary>GELU: x·Φ(x), or the tanh approximation when <paramref name="tanh"/> is set.</summary>
    public static double Forward(double x, bool tanh) => tanh
        ? 0.5 * x * (1 + Math.Tanh(Beta * (x + Kappa * x * x * x)))
        : 0.5 * x * (1 + SpecialFunctions.Erf(x * InvSqrt2));

    /// <summary>Exact: Φ(x) + x·φ(x). Tanh form: ½(1 + t) + ½x(1 − t²)·β(1 + 3κx²), t = tanh(β(x + κx³)).</summary>
    public static double Derivative(double x, bool tanh)
    {
        if (!tanh) return 0.5 * (1 + SpecialFunctions.Erf(x * InvSqrt2)) + x * InvSqrt2Pi * Math.Exp(-0.5 * x * x);
        double t = Math.Tanh(Beta * (x + Kappa * x * x * x));
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * Beta * (1 + 3 * Kappa * x * x);
    }
}
