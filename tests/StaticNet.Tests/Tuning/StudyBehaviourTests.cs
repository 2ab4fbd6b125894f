using System.Text.RegularExpressions;
using StaticNet.Tuning;

namespace StaticNet.Tests.Tuning;

/// <summary>What Study.Optimize does with good and bad objectives, and the log lines it writes (Optuna's wording).</summary>
[Collection(TuningLogCollection.Name)]
public sealed class StudyBehaviourTests : IDisposable
{
    private readonly List<(TuningLogLevel Level, string Message)> _log = [];

    public StudyBehaviourTests() => TuningLog.Handler = (level, message) => { lock (_log) _log.Add((level, message)); };

    public void Dispose() => TuningLog.Handler = null;

    [Fact]
    public void AThrowingObjectiveFailsItsTrialAndTheStudyGoesOn()
    {
        var study = Study.Create(sampler: new RandomSampler(0));
        study.Optimize(t =>
        {
            double x = t.SuggestFloat("x", 0, 1);
            if (t.Number == 1) throw new InvalidOperationException("boom");
            return x;
        }, nTrials: 4);
        Assert.Equal([TrialState.Complete, TrialState.Fail, TrialState.Complete, TrialState.Complete], study.Trials.Select(t => t.State));
        Assert.Null(study.Trials[1].Value);
        var warning = _log.Single(l => l.Level == TuningLogLevel.Warning && l.Message.StartsWith("Trial 1 failed with parameters", StringComparison.Ordinal));
        Assert.Matches(@"^Trial 1 failed with parameters: \{'x': [0-9.e-]+\} because of the following error: InvalidOperationException\('boom'\)\.", warning.Message);
        Assert.Contains(_log, l => l.Message == "Trial 1 failed with value None.");
    }

    [Fact]
    public void CatchCanRethrowAsOptunasDefaultDoes()
    {
        var study = Study.Create(sampler: new RandomSampler(0));
        Assert.Throws<InvalidOperationException>(() => study.Optimize(_ => throw new InvalidOperationException("stop"), nTrials: 3, @catch: _ => false));
        Assert.Equal(TrialState.Fail, Assert.Single(study.Trials).State);
    }

    [Fact]
    public void NaNFailsTheTrialWithAWarning()
    {
        var study = Study.Create(sampler: new RandomSampler(0));
        study.Optimize(t => t.Number == 0 ? double.NaN : t.SuggestFloat("x", 0, 1), nTrials: 2);
        Assert.Equal(TrialState.Fail, study.Trials[0].State);
        Assert.Equal(TrialState.Complete, study.Trials[1].State);
        Assert.Contains(_log, l => l.Level == TuningLogLevel.Warning && l.Message == "Trial 0 failed with parameters: {} because of the following error: The value nan is not acceptable..");
        Assert.Contains(_log, l => l.Message == "Trial 0 failed with value nan.");
        Assert.Equal(1, study.BestTrial.Number);
    }

    [Fact]
    public void FinishedAndPrunedTrialsAreLoggedAsOptunaLogsThem()
    {
        var study = Study.Create(studyName: "logged", sampler: new RandomSampler(0), pruner: new NopPruner());
        Assert.Contains(_log, l => l.Message == "A new study created in memory with name: logged");
        study.Optimize(t =>
        {
            int units = t.SuggestInt("units", 1, 4);
            string opt = t.SuggestCategorical("opt", ["SGD", "Adam"]);
            if (t.Number == 2) throw new TrialPruned();
            return units;
        }, nTrials: 3);
        var finished = study.Trials[0];
        string expected = $"Trial 0 finished with value: {PyRepr.Float(finished.Value!.Value)} and parameters: {{'units': {finished.Params["units"]}, 'opt': '{finished.Params["opt"]}'}}. Best is trial 0 with value: {PyRepr.Float(finished.Value!.Value)}.";
        Assert.Contains(_log, l => l.Level == TuningLogLevel.Info && l.Message == expected);
        Assert.Contains(_log, l => l.Message == "Trial 2 pruned. ");
    }

    [Fact]
    public void TheFormattedLineHasOptunasPrefix()
    {
        var writer = new StringWriter();
        var previous = TuningLog.Output;
        TuningLog.Output = writer;
        try { Study.Create(studyName: "prefix"); }
        finally { TuningLog.Output = previous; }
        Assert.Matches(new Regex(@"^\[I \d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] A new study created in memory with name: prefix\r?\n$"), writer.ToString());
    }

    [Fact]
    public void VerbosityQuietsInfo()
    {
        TuningLog.Verbosity = TuningLogLevel.Warning;
        try { Study.Create(studyName: "quiet"); }
        finally { TuningLog.Verbosity = TuningLogLevel.Info; }
        Assert.DoesNotContain(_log, l => l.Message.Contains("quiet", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportingAStepTwiceKeepsTheFirstWithAWarning()
    {
        var study = Study.Create();
        var t = study.Ask();
        t.Report(1.0, 0);
        t.Report(2.0, 0);
        Assert.Equal(1.0, study.Storage.GetTrial(t.TrialId).IntermediateValues[0]);
        Assert.Contains(_log, l => l.Message == "The reported value is ignored because this `step` 0 is already reported.");
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Report(1.0, -1));
    }
}

/// <summary>Define-by-run parameters and the errors of asking for one name with another range.</summary>
public class DefineByRunTests
{
    [Fact]
    public void ParametersMayDependOnBranchesAndLoops()
    {
        var study = Study.Create(sampler: new RandomSampler(4));
        study.Optimize(t =>
        {
            int layers = t.SuggestInt("n_layers", 1, 3);
            double sum = 0;
            for (int i = 0; i < layers; i++) sum += t.SuggestInt($"n_units_l{i}", 4, 128, log: true);
            if (t.SuggestCategorical("optimizer", ["SGD", "Adam"]) == "SGD") sum += t.SuggestFloat("momentum", 0, 1);
            return sum;
        }, nTrials: 20);
        Assert.All(study.Trials, t => Assert.Equal((long)t.Params["n_layers"]!, t.Params.Keys.Count(k => k.StartsWith("n_units_l", StringComparison.Ordinal))));
        Assert.All(study.Trials, t => Assert.Equal((string)t.Params["optimizer"]! == "SGD", t.Params.ContainsKey("momentum")));
    }

    [Fact]
    public void AskingTheSameNameAgainReturnsTheSameValue()
    {
        var t = Study.Create().Ask();
        double x = t.SuggestFloat("x", 0, 1);
        Assert.Equal(x, t.SuggestFloat("x", 0, 1));
    }

    [Fact]
    public void AskingTheSameNameWithAnotherRangeNamesBothRanges()
    {
        var t = Study.Create().Ask();
        t.SuggestFloat("lr", 1e-5, 1e-1, log: true);
        var e = Assert.Throws<ArgumentException>(() => t.SuggestFloat("lr", 1e-4, 1.0, log: true));
        Assert.Contains("FloatDistribution(high=0.1, log=True, low=1e-05, step=None)", e.Message);
        Assert.Contains("FloatDistribution(high=1.0, log=True, low=0.0001, step=None)", e.Message);
    }

    [Fact]
    public void AnotherKindInALaterTrialNamesBothDistributions()
    {
        var study = Study.Create();
        study.Ask().SuggestFloat("units", 1, 10);
        var e = Assert.Throws<ArgumentException>(() => study.Ask().SuggestInt("units", 1, 10));
        Assert.Contains("FloatDistribution(high=10.0, log=False, low=1.0, step=None)", e.Message);
        Assert.Contains("IntDistribution(high=10, log=False, low=1, step=1)", e.Message);
    }

    [Fact]
    public void BestOfAStudyWithoutCompleteTrialsIsAnError()
    {
        var study = Study.Create(studyName: "empty");
        Assert.Contains("empty", Assert.Throws<InvalidOperationException>(() => study.BestValue).Message);
    }

    [Fact]
    public void TimeoutEndsTheStudy()
    {
        var study = Study.Create(sampler: new RandomSampler(0));
        study.Optimize(_ => { Thread.Sleep(30); return 0; }, timeout: TimeSpan.FromMilliseconds(100));
        Assert.InRange(study.Trials.Count, 1, 10);
    }

    [Fact]
    public void AFinishedTrialCannotBeToldAgain()
    {
        var study = Study.Create();
        var t = study.Ask();
        study.Tell(t, 1.0);
        Assert.Throws<InvalidOperationException>(() => study.Tell(t, 2.0));
        Assert.Throws<InvalidOperationException>(() => t.Report(1.0, 3));
    }
}
