using System.Globalization;

namespace StaticNet.NN;

/// <summary>Python's <c>repr</c> of numbers and tuples, which module printouts embed (<c>p=0.2</c>, <c>eps=1e-05</c>, <c>(3, 3)</c>).</summary>
internal static class PythonRepr
{
    /// <summary>The shortest round-trip digits, with Python's exponent form (<c>1e-05</c>) and a trailing <c>.0</c> for integers.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        double abs = Math.Abs(value);
        if (abs != 0 && (abs < 1e-4 || abs >= 1e16))
        {
            // Python switches to exponent form below 1e-4 and from 1e16; mantissa digits as repr, exponent at least 2 digits.
            var e = value.ToString("E16", CultureInfo.InvariantCulture);
            int exp = int.Parse(e[(e.IndexOf('E') + 1)..], CultureInfo.InvariantCulture);
            var mantissa = (value / Math.Pow(10, exp)).ToString("R", CultureInfo.InvariantCulture);
            if (mantissa.Contains('E')) mantissa = r; // fall back on .NET's form in the extremely rare case
            return $"{mantissa}e{(exp < 0 ? "-" : "+")}{Math.Abs(exp):00}";
        }
        if (r.Contains('E')) r = value.ToString("F0", CultureInfo.InvariantCulture);
        return r.Contains('.') ? r : r + ".0";
    }

    /// <summary>A tuple of ints: <c>(3, 3)</c>, or <c>(3,)</c> for one element.</summary>
    public static string Tuple(params long[] values) =>
        values.Length == 1 ? $"({values[0]},)" : "(" + string.Join(", ", values) + ")";
}
