using Xunit.Abstractions;

namespace StaticNet.Tests.Fuzz;

/// <summary>
/// Mutation fuzzing of every parser (<see cref="ParserTargets"/>) against the contract in <see cref="FuzzRunner"/>.
/// In the test run each parser gets a short seeded budget (a few seconds); the offline run of a million inputs per
/// parser is opt-in: <c>STATICNET_FUZZ_INPUTS=1000000 STATICNET_FUZZ_TARGET=pth dotnet test ... --filter ParserFuzzTests</c>
/// (one parser at a time, under <c>nice -n 19</c>), which records every failing input in
/// <c>STATICNET_FUZZ_FINDINGS</c> (default: a temp folder) instead of stopping at the first.
/// </summary>
public class ParserFuzzTests(ITestOutputHelper output)
{
    // Inputs per parser in the test run: a few seconds each on a loaded 2-core machine.
    private const int CiInputs = 3000;

    public static TheoryData<string> Parsers => [.. ParserTargets.Names];

    [Theory]
    [MemberData(nameof(Parsers))]
    public void EveryMutatedInputLoadsOrFailsWithAClearErrorNamingTheFile(string parser)
    {
        string? only = Environment.GetEnvironmentVariable("STATICNET_FUZZ_TARGET");
        long inputs = long.TryParse(Environment.GetEnvironmentVariable("STATICNET_FUZZ_INPUTS"), out long n) && (only is null || only == parser) ? n : CiInputs;
        bool offline = inputs > CiInputs;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("STATICNET_FUZZ_SEED"), out int s) ? s : 18;
        string work = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"staticnet-fuzz-{parser}-{Guid.NewGuid():N}");
        string findings = Environment.GetEnvironmentVariable("STATICNET_FUZZ_FINDINGS") ?? Path.Combine(Path.GetTempPath(), "staticnet-fuzz-findings");
        try
        {
            var report = FuzzRunner.Run(ParserTargets.Get(parser), seed, inputs, work, findings, stopAtFirst: !offline);
            output.WriteLine(report.ToString());
            if (offline) Directory.CreateDirectory(findings);
            if (offline) File.AppendAllText(Path.Combine(findings, "reports.txt"), report + "\n");
            Assert.True(report.Findings.Count == 0, report.ToString());
            Assert.Equal(inputs, report.Inputs);
            // The mutations reach past the first checks: some inputs still load, many are rejected.
            Assert.True(report.Loaded > 0 && report.Rejected > 0, report.ToString());
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }
}
