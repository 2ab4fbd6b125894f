namespace StaticNet.Tuning;

/// <summary>
/// The standard normal's CDF in log space and the truncated normal's quantile and density, as Optuna 3.1's
/// <c>_truncnorm</c> computes them (its own port of SciPy's, so TPE needs no SciPy): the same case splits, the same
/// asymptotic series below −20 and the same 100-step bisection for the inverse, so draws agree with Optuna's.
/// </summary>
internal static class TruncatedNormal
{
    private const double MachineEpsilon = 2.220446049250313e-16; // sys.float_info.epsilon
    private static readonly double LogSqrt2Pi = Math.Log(Math.Sqrt(2 * Math.PI));

    /// <summary>Φ(a) (<c>_ndtr_single</c>): erfc on the tails, where 1 + erf would cancel.</summary>
    public static double Ndtr(double a)
    {
        double x = a / Math.Sqrt(2);
        if (x < -1 / Math.Sqrt(2)) return 0.5 * ErrorFunction.Erfc(-x);
        if (x < 1 / Math.Sqrt(2)) return 0.5 + 0.5 * ErrorFunction.Erf(x);
        return 1.0 - 0.5 * ErrorFunction.Erfc(x);
    }

    /// <summary>log Φ(a) (<c>_log_ndtr_single</c>), with the asymptotic series of Mills' ratio below −20.</summary>
    public static double LogNdtr(double a)
    {
        if (a > 6) return -Ndtr(-a);
        if (a > -20) return Math.Log(Ndtr(a));
        double logLhs = -0.5 * a * a - Math.Log(-a) - 0.5 * Math.Log(2 * Math.PI);
        double lastTotal = 0, rightHandSide = 1, numerator = 1, denomFactor = 1, denomCons = 1 / (a * a);
        int sign = 1;
        for (int i = 1; Math.Abs(lastTotal - rightHandSide) > MachineEpsilon; i++)
        {
            lastTotal = rightHandSide;
            sign = -sign;
            denomFactor *= denomCons;
            numerator *= 2 * i - 1;
            rightHandSide += sign * numerator * denomFactor;
        }
        return logLhs + Math.Log(rightHandSide);
    }

    /// <summary>log(1 + x) without losing x when it is tiny (Goldberg's correction; .NET's LogP1 is log(1 + x)).</summary>
    public static double Log1P(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    private static double LogDiff(double logP, double logQ) => logP + Log1P(-Math.Exp(logQ - logP));

    private static double LogAddExp(double x, double y)
    {
        if (x == y) return x + Math.Log(2);
        double max = Math.Max(x, y);
        return max + Log1P(Math.Exp(-Math.Abs(x - y)));
    }

    /// <summary>log of the standard normal's mass in [a, b] (<c>_log_gauss_mass</c>), computed on the side that does not cancel.</summary>
    public static double LogGaussMass(double a, double b)
    {
        if (b <= 0) return LogDiff(LogNdtr(b), LogNdtr(a));
        if (a > 0) return LogDiff(LogNdtr(-a), LogNdtr(-b));
        return Log1P(-Ndtr(a) - Ndtr(-b));
    }

    /// <summary>Φ⁻¹(exp(y)) by Optuna's bisection on [−100, 100] (<c>_ndtri_exp</c>).</summary>
    private static double NdtriExp(double y)
    {
        double a = -100, b = 100, m = 0;
        if (LogNdtr(a) > y) (a, b) = (b, a);
        for (int i = 0; i < 100; i++)
        {
            double next = (a + b) / 2;
            // Once a and b are adjacent doubles the midpoint is one of them and stays put: the remaining steps of
            // Optuna's 100 cannot change m, so stopping here returns the same value.
            if (i > 0 && next == m && (next == a || next == b)) break;
            m = next;
            if (LogNdtr(m) < y) a = m; else b = m;
        }
        return m;
    }

    /// <summary>The quantile q of the standard normal truncated to [a, b] (<c>ppf</c>); <paramref name="logMass"/> is <see cref="LogGaussMass"/>(a, b).</summary>
    public static double Ppf(double q, double a, double b, double logMass)
    {
        if (a == b) return double.NaN;
        if (q == 0) return a;
        if (q == 1) return b;
        return a < 0
            ? NdtriExp(LogAddExp(LogNdtr(a), Math.Log(q) + logMass))
            : -NdtriExp(LogAddExp(LogNdtr(-b), Log1P(-q) + logMass));
    }

    /// <summary>log of the standard normal density at z.</summary>
    public static double NormLogPdf(double z) => -(z * z) / 2.0 - LogSqrt2Pi;
}
