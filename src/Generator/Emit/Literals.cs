using System.Globalization;

namespace StaticNet.Generators.Emit;

/// <summary>C# literals written with the invariant culture, so generated code does not depend on the build machine.</summary>
internal static class Literals
{
    public static string Of(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Of(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Of(bool value) => value ? "true" : "false";

    /// <summary>A regular string literal with C# escapes.</summary>
    public static string Of(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";

    /// <summary>Source text on one line, for a <c>//</c> comment.</summary>
    public static string Comment(string value) => string.Join(" ", value.Split(['\r', '\n', '\t', ' '], System.StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Text inside an XML doc comment.</summary>
    public static string Xml(string value) => value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
