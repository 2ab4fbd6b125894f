using System.Globalization;
using StaticNet.Tuning;

namespace StaticNet.Tests.Tuning;

/// <summary>
/// Against Debian's python3-optuna 3.1: Optuna opens StaticNet's database and sees the same trials; StaticNet
/// continues a study Optuna started; both write one database at once; and with the same seed StaticNet's samplers
/// draw what Optuna's draw.
/// </summary>
public class OptunaInteropTests
{
    /// <summary>Python that prints a study's trials as JSON (NaN and Infinity as Python's json writes them).</summary>
    private static string DumpScript(string path, string name) => $$"""
        import json
        s = optuna.load_study(study_name={{PyRepr.Value(name)}}, storage="sqlite:///" + {{PyRepr.Value(path)}})
        out = {"direction": s.direction.name, "user_attrs": s.user_attrs, "trials": []}
        for t in s.trials:
            out["trials"].append({"number": t.number, "state": t.state.name, "value": t.value, "params": t.params,
                "distributions": {k: optuna.distributions.distribution_to_json(v) for k, v in t.distributions.items()},
                "intermediate": [[k, v] for k, v in sorted(t.intermediate_values.items())], "user_attrs": t.user_attrs,
                "start": t.datetime_start.strftime("%Y-%m-%d %H:%M:%S.%f") if t.datetime_start else None,
                "complete": t.datetime_complete.strftime("%Y-%m-%d %H:%M:%S.%f") if t.datetime_complete else None})
        print(json.dumps(out))
        """;

    private static Dictionary<string, object?> Dump(string path, string name) =>
        (Dictionary<string, object?>)PyJson.Parse(OptunaOracle.Run(DumpScript(path, name)), "Optuna's dump")!;

    /// <summary>Every field Optuna reads equals what StaticNet holds for the same trial.</summary>
    private static void AssertOptunaSees(IReadOnlyList<FrozenTrial> ours, Dictionary<string, object?> dump)
    {
        var trials = (List<object?>)dump["trials"]!;
        Assert.Equal(ours.Count, trials.Count);
        for (int i = 0; i < ours.Count; i++)
        {
            var (t, p) = (ours[i], (Dictionary<string, object?>)trials[i]!);
            string where = $"trial {t.Number}";
            Assert.True(t.Number == (long)p["number"]!, where);
            Assert.Equal(t.State.ToString().ToUpperInvariant(), p["state"]);
            Assert.Equal(t.Value, p["value"] is null ? null : Convert.ToDouble(p["value"], CultureInfo.InvariantCulture));
            var theirParams = (Dictionary<string, object?>)p["params"]!;
            Assert.Equal(t.Params.Keys.Order(), theirParams.Keys.Order());
            foreach (var (k, v) in t.Params) Assert.True(Equals(v, theirParams[k]) || v is double d && theirParams[k] is long l && d == l, $"{where} param {k}: {PyRepr.Value(v)} vs {PyRepr.Value(theirParams[k])}");
            var theirDists = (Dictionary<string, object?>)p["distributions"]!;
            foreach (var (k, d) in t.Distributions) Assert.Equal(d, Distribution.FromJson((string)theirDists[k]!));
            var theirSteps = ((List<object?>)p["intermediate"]!).Cast<List<object?>>().ToList();
            Assert.Equal(t.IntermediateValues.Keys.Select(k => (long)k), theirSteps.Select(s => (long)s[0]!));
            Assert.Equal(t.IntermediateValues.Values, theirSteps.Select(s => Convert.ToDouble(s[1], CultureInfo.InvariantCulture)));
            Assert.Equal(PyJson.Write(t.UserAttrs), PyJson.Write(p["user_attrs"]));
            Assert.Equal(t.DatetimeStart?.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture), p["start"]);
            Assert.Equal(t.DatetimeComplete?.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture), p["complete"]);
        }
    }

    [OptunaFact]
    public void OptunaLoadsAStudyStaticNetWrote()
    {
        using var dir = new TempFolder();
        string path = dir.File("staticnet.db");
        var study = StorageTests.WriteRichStudy("sqlite:///" + path, "rich");
        var dump = Dump(path, "rich");
        Assert.Equal("MAXIMIZE", dump["direction"]);
        Assert.Equal("fashion-mnist", ((Dictionary<string, object?>)dump["user_attrs"]!)["dataset"]);
        AssertOptunaSees(study.Trials, dump);
        // Optuna's own summary of it: best trial and value.
        string best = OptunaOracle.Run($"s = optuna.load_study(study_name='rich', storage='sqlite:///{path}')\nprint(s.best_trial.number, repr(s.best_value))");
        Assert.Equal($"{study.BestTrial.Number} {PyRepr.Float(study.BestValue)}", best.Trim());
    }

    [OptunaFact]
    public void StaticNetContinuesAStudyOptunaStarted()
    {
        using var dir = new TempFolder();
        string path = dir.File("optuna.db");
        OptunaOracle.Run($$"""
            import math
            s = optuna.create_study(study_name="py", direction="minimize", storage="sqlite:///{{path}}", sampler=optuna.samplers.TPESampler(seed=1))
            s.set_user_attr("origin", "python")
            def objective(t):
                x = t.suggest_float("x", -10, 10)
                n = t.suggest_int("n", 1, 64, log=True)
                c = t.suggest_categorical("c", ["a", None, True, 2.5])
                t.set_user_attr("seen", [x, n])
                for step in range(3):
                    t.report(x * x + step, step)
                if t.number == 3:
                    raise optuna.TrialPruned()
                if t.number == 4:
                    raise ValueError("bad")
                if t.number == 5:
                    return float("nan")
                return (x - 2) ** 2 + n / 64
            s.optimize(objective, n_trials=12, catch=(ValueError,))
            """);
        var study = Study.Load("py", "sqlite:///" + path, sampler: new TpeSampler(seed: 2));
        Assert.Equal(StudyDirection.Minimize, study.Direction);
        Assert.Equal("python", study.UserAttrs["origin"]);
        AssertOptunaSees(study.Trials, Dump(path, "py"));
        Assert.Equal([TrialState.Pruned, TrialState.Fail, TrialState.Fail], study.Trials.Skip(3).Take(3).Select(t => t.State));
        // A pruned trial keeps its last reported value, x² + 2.
        Assert.Equal((double)study.Trials[3].Params["x"]! * (double)study.Trials[3].Params["x"]! + 2, study.Trials[3].Value!.Value, 12);

        study.Optimize(t =>
        {
            double x = t.SuggestFloat("x", -10, 10);
            long n = t.SuggestInt("n", 1, 64, log: true);
            object? c = t.SuggestCategorical<object?>("c", ["a", null, true, 2.5]);
            Assert.True(c is null or "a" or true or 2.5);
            return (x - 2) * (x - 2) + n / 64.0;
        }, nTrials: 6);
        Assert.Equal(Enumerable.Range(0, 18), study.Trials.Select(t => t.Number));
        // Optuna reads the continued study, including StaticNet's trials, and can go on with it.
        AssertOptunaSees(study.Trials, Dump(path, "py"));
        string after = OptunaOracle.Run($$"""
            s = optuna.load_study(study_name="py", storage="sqlite:///{{path}}")
            s.optimize(lambda t: t.suggest_float("x", -10, 10) ** 2, n_trials=2)
            print(len(s.trials), sorted(t.number for t in s.trials) == list(range(20)))
            """);
        Assert.Equal("20 True", after.Trim());
    }

    [OptunaFact]
    public void OptunaAndStaticNetOptimizeOneDatabaseAtOnce()
    {
        using var dir = new TempFolder();
        string path = dir.File("both.db");
        Study.Create(studyName: "both", storage: "sqlite:///" + path);
        using var python = OptunaOracle.Start($$"""
            s = optuna.load_study(study_name="both", storage="sqlite:///{{path}}", sampler=optuna.samplers.RandomSampler(seed=0))
            s.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=25)
            """);
        var study = Study.Load("both", new SqliteStorage(path), sampler: new RandomSampler(1));
        study.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 25);
        string stderr = python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, stderr);
        var trials = Study.Load("both", "sqlite:///" + path).Trials;
        Assert.Equal(Enumerable.Range(0, 50), trials.Select(t => t.Number).Order());
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    /// <summary>Optuna's suggestions for a mixed search space, one line per trial (categorical as its index).</summary>
    private static List<double[]> OptunaDraws(string sampler, int trials) =>
        OptunaOracle.Run($$"""
            s = optuna.create_study(sampler={{sampler}})
            def objective(t):
                x = t.suggest_float("x", -5, 5)
                lr = t.suggest_float("lr", 1e-5, 1e-1, log=True)
                q = t.suggest_float("q", 0, 1, step=0.1)
                n = t.suggest_int("n", 1, 9, step=2)
                u = t.suggest_int("u", 4, 512, log=True)
                c = t.suggest_categorical("c", ["SGD", "Adam", "RMSprop"])
                print(repr(x), repr(lr), repr(q), n, u, ["SGD", "Adam", "RMSprop"].index(c))
                return (x - 1) ** 2 + (math.log10(lr) + 3) ** 2 + (q - 0.3) ** 2 + (n - 5) ** 2 / 10 + abs(math.log2(u) - 6) + (0 if c == "Adam" else 1)
            import math
            s.optimize(objective, n_trials={{trials}})
            """).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();

    private static List<double[]> OurDraws(Sampler sampler, int trials)
    {
        var draws = new List<double[]>();
        var study = Study.Create(sampler: sampler);
        string[] choices = ["SGD", "Adam", "RMSprop"];
        study.Optimize(t =>
        {
            double x = t.SuggestFloat("x", -5, 5), lr = t.SuggestFloat("lr", 1e-5, 1e-1, log: true), q = t.SuggestFloat("q", 0, 1, step: 0.1);
            int n = t.SuggestInt("n", 1, 9, step: 2), u = t.SuggestInt("u", 4, 512, log: true);
            string c = t.SuggestCategorical("c", choices);
            draws.Add([x, lr, q, n, u, Array.IndexOf(choices, c)]);
            return (x - 1) * (x - 1) + Math.Pow(Math.Log10(lr) + 3, 2) + (q - 0.3) * (q - 0.3) + (n - 5) * (n - 5) / 10.0 + Math.Abs(Math.Log2(u) - 6) + (c == "Adam" ? 0 : 1);
        }, nTrials: trials);
        return draws;
    }

    private static void AssertSameDraws(List<double[]> expected, List<double[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            for (int k = 0; k < expected[i].Length; k++)
                Assert.True(Math.Abs(expected[i][k] - actual[i][k]) <= 1e-9 * Math.Max(1, Math.Abs(expected[i][k])),
                    $"trial {i}, parameter {k}: Optuna drew {PyRepr.Float(expected[i][k])}, StaticNet {PyRepr.Float(actual[i][k])}");
    }

    [OptunaFact]
    public void RandomSamplerDrawsWhatOptunasDrawsForTheSameSeed() =>
        AssertSameDraws(OptunaDraws("optuna.samplers.RandomSampler(seed=3)", 20), OurDraws(new RandomSampler(3), 20));

    [OptunaFact]
    public void TpeSamplerDrawsWhatOptuna31DrawsForTheSameSeed() =>
        AssertSameDraws(OptunaDraws("optuna.samplers.TPESampler(seed=11)", 40), OurDraws(new TpeSampler(seed: 11) { Optuna31LogPdf = true }, 40));
}
