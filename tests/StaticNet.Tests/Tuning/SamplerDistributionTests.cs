using StaticNet.Tuning;

namespace StaticNet.Tests.Tuning;

/// <summary>Each sampler keeps every kind of range: bounds, log spacing, steps, integers and categories.</summary>
public class SamplerDistributionTests
{
    public static TheoryData<string> Samplers => ["random", "tpe"];

    private static Sampler Make(string kind, int seed) => kind == "random" ? new RandomSampler(seed) : new TpeSampler(nStartupTrials: 5, seed: seed);

    private sealed record Draw(double F, double Log, double Stepped, int I, int IStep, int ILog, string C);

    private static List<Draw> Run(string kind, int n, int seed = 1)
    {
        var study = Study.Create(sampler: Make(kind, seed));
        var draws = new List<Draw>();
        study.Optimize(t =>
        {
            var d = new Draw(t.SuggestFloat("f", -2, 3), t.SuggestFloat("log", 1e-5, 1e-1, log: true), t.SuggestFloat("stepped", 0, 1, step: 0.25),
                t.SuggestInt("i", -3, 3), t.SuggestInt("istep", 1, 9, step: 2), t.SuggestInt("ilog", 1, 1000, log: true),
                t.SuggestCategorical("c", ["SGD", "Adam", "RMSprop"]));
            draws.Add(d);
            // Good values everywhere in the ranges, so TPE keeps exploring all of them.
            return Math.Abs(d.F) + Math.Abs(Math.Log10(d.Log) + 3) + Math.Abs(d.Stepped - 0.5) + Math.Abs(d.I) + Math.Abs(d.IStep - 5) + Math.Abs(Math.Log(d.ILog) - 3);
        }, nTrials: n);
        return draws;
    }

    [Theory, MemberData(nameof(Samplers))]
    public void FloatsStayInsideTheirBounds(string kind)
    {
        var draws = Run(kind, 150);
        Assert.All(draws, d => Assert.InRange(d.F, -2, 3));
        Assert.All(draws, d => Assert.True(d.F < 3, "the upper bound of a continuous float is excluded, as in Optuna"));
        Assert.True(draws.Select(d => d.F).Distinct().Count() > 140, "continuous draws should not repeat");
    }

    [Theory, MemberData(nameof(Samplers))]
    public void LogFloatsSpreadOverDecades(string kind)
    {
        var draws = Run(kind, 150);
        Assert.All(draws, d => Assert.InRange(d.Log, 1e-5, 1e-1));
        if (kind == "random")
        {
            // Log-uniform over 4 decades: about a quarter per decade, and a uniform draw would put 90% in the last one.
            int lowDecade = draws.Count(d => d.Log < 1e-4);
            Assert.InRange(lowDecade, 20, 60);
        }
    }

    [Theory, MemberData(nameof(Samplers))]
    public void SteppedFloatsLieOnTheGridAndReachBothEnds(string kind)
    {
        var draws = Run(kind, 150);
        Assert.All(draws, d => Assert.Contains(d.Stepped, new[] { 0, 0.25, 0.5, 0.75, 1.0 }));
        if (kind == "random")
            Assert.Equal(5, draws.Select(d => d.Stepped).Distinct().Count());
    }

    [Theory, MemberData(nameof(Samplers))]
    public void IntegersHonourBoundsStepsAndLog(string kind)
    {
        var draws = Run(kind, 150);
        Assert.All(draws, d => Assert.InRange(d.I, -3, 3));
        Assert.All(draws, d => Assert.Contains(d.IStep, new[] { 1, 3, 5, 7, 9 }));
        Assert.All(draws, d => Assert.InRange(d.ILog, 1, 1000));
        if (kind == "random")
        {
            Assert.Equal(7, draws.Select(d => d.I).Distinct().Count()); // both end points are as likely as the rest
            Assert.InRange(draws.Count(d => d.ILog <= 31), 50, 100);    // log-uniform: about half at or below √1000
        }
    }

    [Theory, MemberData(nameof(Samplers))]
    public void CategoriesAreAmongTheChoices(string kind)
    {
        var draws = Run(kind, 150);
        Assert.All(draws, d => Assert.Contains(d.C, new[] { "SGD", "Adam", "RMSprop" }));
        if (kind == "random")
            Assert.All(new[] { "SGD", "Adam", "RMSprop" }, c => Assert.InRange(draws.Count(d => d.C == c), 30, 70));
    }

    [Fact]
    public void TpeConcentratesOnTheGoodCategory()
    {
        var study = Study.Create(sampler: new TpeSampler(seed: 0));
        var picks = new List<string>();
        study.Optimize(t =>
        {
            string c = t.SuggestCategorical("c", ["bad", "good", "worse"]);
            picks.Add(c);
            return c == "good" ? 0 : c == "bad" ? 1 : 2;
        }, nTrials: 60);
        Assert.True(picks.Skip(10).Count(c => c == "good") > 35, $"TPE picked 'good' {picks.Skip(10).Count(c => c == "good")} of 50 times after the startup trials");
    }

    [Fact]
    public void SingleValuedRangesNeedNoSampling()
    {
        var study = Study.Create(sampler: new RandomSampler(0));
        study.Optimize(t => t.SuggestFloat("x", 2, 2) + t.SuggestInt("n", 5, 5) + (t.SuggestCategorical("c", [7]) == 7 ? 0 : 1), nTrials: 3);
        Assert.All(study.Trials, t => Assert.Equal(7.0, t.Value));
    }

    [Fact]
    public void SameSeedSameDraws()
    {
        Assert.Equal(Run("tpe", 30, seed: 5), Run("tpe", 30, seed: 5));
        Assert.NotEqual(Run("tpe", 30, seed: 5), Run("tpe", 30, seed: 6));
    }

    [Fact]
    public void GridSamplerVisitsEveryPointOnceThenStops()
    {
        var space = new Dictionary<string, IReadOnlyList<object?>> { ["x"] = [-1.0, 0.0, 1.0], ["opt"] = ["a", "b"] };
        var study = Study.Create(sampler: new GridSampler(space, seed: 0));
        study.Optimize(t => t.SuggestFloat("x", -1, 1) + (t.SuggestCategorical("opt", ["a", "b"]) == "a" ? 0 : 10), nTrials: 100);
        Assert.Equal(6, study.Trials.Count);
        var seen = study.Trials.Select(t => ((double)t.Params["x"]!, (string)t.Params["opt"]!)).ToHashSet();
        Assert.Equal(6, seen.Count);
        Assert.Equal(-1.0, study.BestValue);
    }

    [Fact]
    public void GridSamplerRejectsAParameterOutsideItsGrid()
    {
        var study = Study.Create(sampler: new GridSampler(new Dictionary<string, IReadOnlyList<object?>> { ["x"] = [1.0] }));
        var trial = study.Ask();
        Assert.Contains("y", Assert.Throws<ArgumentException>(() => trial.SuggestFloat("y", 0, 1)).Message);
    }
}
