using StaticNet.Tuning;

namespace StaticNet.Tests.Tuning;

/// <summary>TPE's reason to exist: on standard test functions its median best after 100 trials over 20 seeds beats random search's.</summary>
public class TpeVersusRandomTests
{
    private const int Trials = 100, Seeds = 20;

    private static double MedianBest(Func<int, Sampler> sampler, Func<Trial, double> objective)
    {
        var bests = new double[Seeds];
        Parallel.For(0, Seeds, seed =>
        {
            var study = Study.Create(sampler: sampler(seed));
            study.Optimize(objective, nTrials: Trials);
            bests[seed] = study.BestValue;
        });
        Array.Sort(bests);
        return (bests[Seeds / 2 - 1] + bests[Seeds / 2]) / 2;
    }

    private static void AssertTpeWins(Func<Trial, double> objective, double factor)
    {
        double tpe = MedianBest(s => new TpeSampler(seed: s), objective);
        double random = MedianBest(s => new RandomSampler(seed: s), objective);
        Assert.True(tpe * factor < random, $"median best: TPE {tpe:G6}, random {random:G6} (TPE should be at least {factor}x better)");
    }

    // (x − 2)², minimum 0 at x = 2.
    [Fact]
    public void TpeBeatsRandomOnAParabola() => AssertTpeWins(t => Math.Pow(t.SuggestFloat("x", -10, 10) - 2, 2), factor: 10);

    // Branin on [−5, 10] × [0, 15], minimum 0.397887 at (−π, 12.275), (π, 2.275), (9.42478, 2.475); compared above it.
    [Fact]
    public void TpeBeatsRandomOnBranin() => AssertTpeWins(t =>
    {
        double x = t.SuggestFloat("x", -5, 10), y = t.SuggestFloat("y", 0, 15);
        const double a = 1, b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, r = 6, s = 10, tt = 1 / (8 * Math.PI);
        return a * Math.Pow(y - b * x * x + c * x - r, 2) + s * (1 - tt) * Math.Cos(x) + s - 0.397887;
    }, factor: 4);

    // Σ xᵢ² over five coordinates in [−5, 5], minimum 0 at the origin.
    [Fact]
    public void TpeBeatsRandomOnAFiveDimensionalSphere() =>
        AssertTpeWins(t => Enumerable.Range(0, 5).Sum(i => Math.Pow(t.SuggestFloat($"x{i}", -5, 5), 2)), factor: 3);
}
