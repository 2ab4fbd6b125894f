using System.Globalization;
using System.Numerics;

namespace StaticNet;

/// <summary>
/// Python's <c>'{:.Nf}'</c> and <c>'{:.Ne}'</c> for doubles, digit for digit: the decimal digits of the exact binary
/// value, rounded half to even. .NET's "F4"/"E4" round exact ties away from zero (0.03125 gives 0.0313, Python
/// 0.0312) and write exponents as E+008, so tensor printing cannot use them.
/// </summary>
/// <remarks>
/// Works on the exact rational value with <see cref="BigInteger"/>: slower than a float formatter, but printing
/// formats at most a few thousand visible elements and exactness is the point.
/// </remarks>
internal static class PythonFloatFormat
{
    /// <summary><c>'{:.{precision}f}'.format(value)</c>: <c>1.5000</c>, <c>-0.0000</c>, <c>nan</c>, <c>-inf</c>.</summary>
    public static string Fixed(double value, int precision)
    {
        if (NonFinite(value) is { } special) return special;
        var (num, den) = Exact(Math.Abs(value));
        var digits = RoundedQuotient(num * BigInteger.Pow(10, precision), den)
            .ToString(CultureInfo.InvariantCulture).PadLeft(precision + 1, '0');
        var text = precision == 0 ? digits : $"{digits[..^precision]}.{digits[^precision..]}";
        return double.IsNegative(value) ? "-" + text : text;
    }

    /// <summary><c>'{:.{precision}e}'.format(value)</c>: <c>1.0000e-05</c>, <c>1.2346e+08</c>, <c>0.0000e+00</c>.</summary>
    public static string Scientific(double value, int precision)
    {
        if (NonFinite(value) is { } special) return special;
        var sign = double.IsNegative(value) ? "-" : "";
        var abs = Math.Abs(value);
        if (abs == 0) return sign + Mantissa(new string('0', precision + 1), precision) + "e+00";

        var (num, den) = Exact(abs);
        var low = BigInteger.Pow(10, precision);   // the scaled value must have precision + 1 digits
        var high = low * 10;
        int exponent = (int)Math.Floor(Math.Log10(abs)); // an estimate, corrected exactly below
        BigInteger scaledNum, scaledDen;
        while (true)
        {
            int shift = precision - exponent; // value * 10^shift has its leading digit in the units place
            (scaledNum, scaledDen) = shift >= 0
                ? (num * BigInteger.Pow(10, shift), den)
                : (num, den * BigInteger.Pow(10, -shift));
            var floor = BigInteger.Divide(scaledNum, scaledDen);
            if (floor < low) exponent--;
            else if (floor >= high) exponent++;
            else break;
        }
        var rounded = RoundedQuotient(scaledNum, scaledDen);
        if (rounded == high) // 9.99995 rounds up to 10.0000: renormalize
        {
            rounded = low;
            exponent++;
        }
        var exponentText = Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        return $"{sign}{Mantissa(rounded.ToString(CultureInfo.InvariantCulture), precision)}e{(exponent < 0 ? '-' : '+')}{exponentText}";
    }

    private static string Mantissa(string digits, int precision) =>
        precision == 0 ? digits : $"{digits[0]}.{digits[1..]}";

    // Python prints every NaN as "nan", whatever its sign bit.
    private static string? NonFinite(double value) =>
        double.IsNaN(value) ? "nan" : double.IsInfinity(value) ? (value > 0 ? "inf" : "-inf") : null;

    /// <summary>A finite non-negative double as num / den exactly (den a power of two).</summary>
    private static (BigInteger Num, BigInteger Den) Exact(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        long mantissa = biased == 0 ? fraction : fraction | (1L << 52);
        int exponent = (biased == 0 ? 1 : biased) - 1075;
        return exponent >= 0
            ? (new BigInteger(mantissa) << exponent, BigInteger.One)
            : (new BigInteger(mantissa), BigInteger.One << -exponent);
    }

    /// <summary>num / den rounded to an integer, ties to even (Python's float formatting rule).</summary>
    private static BigInteger RoundedQuotient(BigInteger num, BigInteger den)
    {
        var q = BigInteger.DivRem(num, den, out var r);
        int cmp = (r * 2).CompareTo(den);
        return cmp > 0 || (cmp == 0 && !q.IsEven) ? q + 1 : q;
    }
}
