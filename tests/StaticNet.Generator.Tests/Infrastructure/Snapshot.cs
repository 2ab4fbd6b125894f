using System.Runtime.CompilerServices;

namespace StaticNet.Generators.Tests.Infrastructure;

/// <summary>
/// A small snapshot helper with Verify's conventions, so moving to Verify later is a rename: the expected text lives in
/// <c>Snapshots/{Class}.{Test}.verified.cs</c>; on a mismatch the actual text is written beside it as
/// <c>.received.cs</c> and the test fails. Set <c>STATICNET_ACCEPT_SNAPSHOTS=1</c> to accept (overwrite the verified file).
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "STATICNET_ACCEPT_SNAPSHOTS";

    public static void Verify(string actual, string testClass, [CallerMemberName] string test = "")
    {
        actual = actual.Replace("\r\n", "\n");
        var dir = Path.Combine(GeneratorRunner.ProjectDirectory, "Snapshots");
        var verified = Path.Combine(dir, $"{testClass}.{test}.verified.cs");
        var received = Path.Combine(dir, $"{testClass}.{test}.received.cs");
        bool accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";
        string? expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        if (accept)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(verified, actual);
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        Directory.CreateDirectory(dir);
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot yet: wrote {received}. Review it, then rename it to .verified.cs or rerun with {AcceptVariable}=1."
            : $"Generated code differs from {verified}; the actual text is in {received}. Accept with {AcceptVariable}=1 if intended.\n" +
              FirstDifference(expected, actual));
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<end>", al = i < a.Length ? a[i] : "<end>";
            if (el != al) return $"line {i + 1}:\n  expected: {el}\n  actual:   {al}";
        }
        return "";
    }
}
