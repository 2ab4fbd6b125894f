using StaticNet.Tuning;

namespace StaticNet.Tests.Tuning;

public class DistributionTests
{
    [Theory]
    [InlineData(0.001, "0.001")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(4.0, "4.0")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(6.214429718624831e-05, "6.214429718624831e-05")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(0.0, "0.0")]
    public void FloatsPrintAsPythonRepr(double value, string expected) => Assert.Equal(expected, PyRepr.Float(value));

    [Fact]
    public void DictsPrintAsPythonRepr() =>
        Assert.Equal("{'lr': 0.001, 'units': 64, 'opt': 'SGD', 'none': None, 'flag': True, \"it's\": 'a'}",
            PyRepr.Dict([new("lr", 0.001), new("units", 64L), new("opt", "SGD"), new("none", null), new("flag", true), new("it's", "a")]));

    // The JSON texts below are what Optuna 3.1 wrote into trial_params.distribution_json for the same calls.
    [Theory]
    [InlineData("{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": 1e-05, \"high\": 0.1, \"log\": true}}")]
    [InlineData("{\"name\": \"IntDistribution\", \"attributes\": {\"log\": false, \"step\": 2, \"low\": 1, \"high\": 9}}")]
    [InlineData("{\"name\": \"CategoricalDistribution\", \"attributes\": {\"choices\": [\"SGD\", \"Adam\", null, 3]}}")]
    [InlineData("{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": 0.25, \"low\": 0.0, \"high\": 1.0, \"log\": false}}")]
    [InlineData("{\"name\": \"IntDistribution\", \"attributes\": {\"log\": true, \"step\": 1, \"low\": 1, \"high\": 1000}}")]
    public void OptunaDistributionJsonRoundTripsByteForByte(string json) => Assert.Equal(json, Distribution.FromJson(json).ToJson());

    [Fact]
    public void OldOptunaDistributionNamesAreRead()
    {
        var d = Distribution.FromJson("{\"name\": \"LogUniformDistribution\", \"attributes\": {\"low\": 0.001, \"high\": 1.0}}");
        Assert.Equal(new FloatDistribution(0.001, 1.0, log: true), d);
        var q = Distribution.FromJson("{\"name\": \"DiscreteUniformDistribution\", \"attributes\": {\"low\": 0.0, \"high\": 1.0, \"q\": 0.5}}");
        Assert.Equal(new FloatDistribution(0, 1, step: 0.5), q);
    }

    [Fact]
    public void ReprSortsAttributesAsOptuna() =>
        Assert.Equal("FloatDistribution(high=0.1, log=True, low=1e-05, step=None)", new FloatDistribution(1e-5, 0.1, log: true).ToString());

    [Fact]
    public void InvalidRangesAreRejectedWithTheirNumbers()
    {
        Assert.Contains("low=2.0, high=1.0", Assert.Throws<ArgumentException>(() => new FloatDistribution(2, 1)).Message);
        Assert.Contains("larger than 0", Assert.Throws<ArgumentException>(() => new FloatDistribution(0, 1, log: true)).Message);
        Assert.Contains("`step` is not supported when `log` is true", Assert.Throws<ArgumentException>(() => new FloatDistribution(1, 2, log: true, step: 0.5)).Message);
        Assert.Contains("step=0", Assert.Throws<ArgumentException>(() => new IntDistribution(0, 3, step: 0)).Message);
        Assert.Contains("equal to or greater than 1", Assert.Throws<ArgumentException>(() => new IntDistribution(0, 3, log: true)).Message);
        Assert.Throws<ArgumentException>(() => new CategoricalDistribution([]));
        Assert.Contains("Version", Assert.Throws<ArgumentException>(() => new CategoricalDistribution([new Version(1, 0)])).Message);
    }

    [Fact]
    public void HighIsMovedOntoTheStepGridAsOptunaDoes()
    {
        Assert.Equal(0.9, new FloatDistribution(0.0, 1.0, step: 0.3).High, 12);
        Assert.Equal(9, new IntDistribution(1, 10, step: 2).High);
        Assert.Equal(1.0, new FloatDistribution(0.0, 1.0, step: 0.1).High); // 0.1 divides 1.0 in decimal, though not in binary
    }

    [Fact]
    public void ContainsChecksBoundsAndTheGrid()
    {
        var f = new FloatDistribution(0, 1, step: 0.25);
        Assert.True(f.Contains(0.75));
        Assert.False(f.Contains(0.7));
        Assert.False(f.Contains(1.25));
        var i = new IntDistribution(1, 9, step: 2);
        Assert.True(i.Contains(5));
        Assert.False(i.Contains(4));
        var c = new CategoricalDistribution(["a", "b"]);
        Assert.Equal(1, c.ToInternal("b"));
        Assert.Equal("b", c.ToExternal(1));
        Assert.Throws<ArgumentException>(() => c.ToInternal("z"));
    }

    [Fact]
    public void AskingOneNameWithAnotherKindOrChoicesNamesBoth()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Distribution.CheckCompatible("lr", new FloatDistribution(0, 1), new IntDistribution(0, 1)));
        Assert.Contains("FloatDistribution(high=1.0, log=False, low=0.0, step=None)", e.Message);
        Assert.Contains("IntDistribution(high=1, log=False, low=0, step=1)", e.Message);
        Assert.Throws<ArgumentException>(() => Distribution.CheckCompatible("opt", new CategoricalDistribution(["a"]), new CategoricalDistribution(["a", "b"])));
        Assert.Throws<ArgumentException>(() => Distribution.CheckCompatible("x", new FloatDistribution(1, 2), new FloatDistribution(1, 2, log: true)));
        // A numeric range may move between trials, as Optuna's dynamic search spaces allow.
        Distribution.CheckCompatible("x", new FloatDistribution(0, 1), new FloatDistribution(0, 2));
    }

    [Fact]
    public void JsonValuesRoundTripIncludingPythonsNonFiniteLiterals()
    {
        string json = "{\"a\": [1, 2.5, \"x\", null, true], \"b\": NaN, \"c\": -Infinity, \"d\": {\"e\": \"\\u00e9\"}}";
        var value = PyJson.Parse(json, "test");
        Assert.Equal(json, PyJson.Write(value));
        var dict = Assert.IsType<Dictionary<string, object?>>(value);
        Assert.Equal([1L, 2.5, "x", null, true], Assert.IsType<List<object?>>(dict["a"]));
        Assert.True(double.IsNaN((double)dict["b"]!));
        Assert.Contains("not valid JSON", Assert.Throws<FormatException>(() => PyJson.Parse("{\"a\": ", "value_json of trial 3")).Message);
    }
}
