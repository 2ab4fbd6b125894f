using System.Runtime.CompilerServices;
using StaticNet.Tuning;

namespace StaticNet.Tests.Tuning;

internal static class QuietTuningLog
{
    /// <summary>Studies in tests log thousands of trials; the tests that check the log read it through a handler.</summary>
    [ModuleInitializer]
    internal static void Silence() => TuningLog.Output = null;
}

/// <summary>Tests that set <see cref="TuningLog.Handler"/> run alone, so other tests' lines do not reach it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TuningLogCollection
{
    public const string Name = "TuningLog";
}
