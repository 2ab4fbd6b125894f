namespace StaticNet.Tests.RandomGeneration;

// Expected values are PyTorch 1.13 CPU output (torch.manual_seed(s) followed by the same call), printed with repr.
// Not run in parallel with other classes that seed Generator.Default (xunit runs one class's tests sequentially).
[Collection(RandomCollection.Name)]
public class GeneratorTests
{
    [Fact]
    public void RandAfterManualSeedZeroMatchesPyTorch()
    {
        Torch.ManualSeed(0);
        RandomAssert.Exact([0.49625658988952637f, 0.7682217955589294f, 0.08847743272781372f], Torch.Rand(3));
    }

    [Fact]
    public void RandOfTwentyFloatsContinuesTheSameStream()
    {
        Torch.ManualSeed(0);
        RandomAssert.Exact([
            0.49625658988952637f, 0.7682217955589294f, 0.08847743272781372f, 0.13203048706054688f, 0.30742281675338745f,
            0.6340786814689636f, 0.4900934100151062f, 0.8964447379112244f, 0.455627977848053f, 0.6323062777519226f,
            0.3488934636116028f, 0.40171730518341064f, 0.022325754165649414f, 0.16885894536972046f, 0.2938884496688843f,
            0.518521785736084f, 0.6976675987243652f, 0.800011396408081f, 0.16102945804595947f, 0.28226858377456665f,
        ], Torch.Rand(20));
    }

    [Fact]
    public void RandFloat64TakesTwoDrawsPerElement()
    {
        Torch.ManualSeed(0);
        RandomAssert.Exact([
            0.9700530018065531, 0.707819864399788, 0.45938294312745087, 0.9207476841219603, 0.6450241201227648,
            0.7911478921803037, 0.17860617520075095, 0.3511076243939284, 0.5813409198075745, 0.2882358921361502,
            0.4528688488811142, 0.17679952620371409, 0.35526675833930643, 0.6219052486795277, 0.48184840078170854,
            0.4408004990443595, 0.40728157436444157, 0.2054385934615871, 0.6650381757501495, 0.7848739004551177,
        ], Torch.Rand([20], DType.Float64));
    }

    [Fact]
    public void RandOfAThousandCrossesTheStateRegenerationBoundary()
    {
        Torch.ManualSeed(0);
        var x = Torch.Rand(1000).ToArray<float>();
        Assert.Equal(
            new[] { 0.49625658988952637f, 0.618340253829956f, 0.012159585952758789f, 0.3576542139053345f, 0.15941625833511353f, 0.40386343002319336f },
            new[] { x[0], x[622], x[623], x[624], x[625], x[999] });
        Assert.Equal(526817364762291ul, RandomAssert.Hash(x));

        Torch.ManualSeed(0);
        var d = Torch.Rand([1000], DType.Float64).ToArray<double>();
        Assert.Equal(new[] { 0.9700530018065531, 0.9467224516201012, 0.8612338307489013, 0.7850636949329074 }, new[] { d[0], d[311], d[312], d[999] });
        Assert.Equal(7056345592590791109ul, RandomAssert.Hash(d));
    }

    [Fact]
    public void UniformInPlaceScalesInTheElementType()
    {
        Torch.ManualSeed(0);
        RandomAssert.Exact([0.48128294944763184f, 1.841109037399292f, -1.5576128959655762f, -1.3398475646972656f, -0.46288591623306274f],
            Torch.Empty(5).Uniform_(-2, 3));
        Torch.ManualSeed(0);
        RandomAssert.Exact([0.39775392413139343f, 0.5609330534934998f, 0.15308645367622375f, 0.17921829223632812f, 0.28445369005203247f, 0.4804471731185913f, 0.3940560221672058f],
            Torch.Empty(7).Uniform_(0.1, 0.7));
        Torch.ManualSeed(0);
        RandomAssert.Exact([7.0065194177042205, 4.436634671117923, 2.0019528426490187, 6.523327304395211, 3.8212363772030953],
            Torch.Empty([5], DType.Float64).Uniform_(-2.5, 7.3));
        Torch.ManualSeed(7);
        Assert.Equal(3233139701485235ul, RandomAssert.Hash(Torch.Empty(4099).Uniform_(-1.5, 3.25).ToArray<float>()));
        Torch.ManualSeed(7);
        Assert.Equal(6437506063039466476ul, RandomAssert.Hash(Torch.Empty([999], DType.Float64).Uniform_(-1.5, 3.25).ToArray<double>()));
    }

    [Fact]
    public void UniformOnATransposedViewDrawsInMemoryOrder()
    {
        Torch.ManualSeed(0);
        var x = Torch.Empty(4, 3).T;
        x.Uniform_();
        RandomAssert.Exact([
            0.49625658988952637f, 0.13203048706054688f, 0.4900934100151062f, 0.6323062777519226f,
            0.7682217955589294f, 0.30742281675338745f, 0.8964447379112244f, 0.3488934636116028f,
            0.08847743272781372f, 0.6340786814689636f, 0.455627977848053f, 0.40171730518341064f,
        ], x);
    }

    [Fact]
    public void UniformOnASteppedSliceDrawsInRowMajorOrder()
    {
        Torch.ManualSeed(0);
        var x = Torch.Empty(4, 6).Slice(1, step: 2);
        x.Uniform_();
        RandomAssert.Exact([
            0.49625658988952637f, 0.7682217955589294f, 0.08847743272781372f, 0.13203048706054688f, 0.30742281675338745f, 0.6340786814689636f,
            0.4900934100151062f, 0.8964447379112244f, 0.455627977848053f, 0.6323062777519226f, 0.3488934636116028f, 0.40171730518341064f,
        ], x);
    }

    [Fact]
    public void UniformOnAPermutedThreeDimensionalViewDrawsInMemoryOrder()
    {
        Torch.ManualSeed(3);
        var x = Torch.Empty(2, 3, 4).Permute(2, 0, 1);
        x.Uniform_();
        Assert.Equal(
            new[] { 0.004263520240783691f, 0.47161436080932617f, 0.5944212079048157f, 0.14984089136123657f, 0.17560523748397827f, 0.6483104228973389f },
            x.ToArray<float>()[..6]);
    }

    [Fact]
    public void RandomOnATransposedIntegerViewDrawsInMemoryOrder()
    {
        Torch.ManualSeed(0);
        var x = Torch.Empty([3, 4], DType.Int64).T;
        x.Random_(0, 100);
        Assert.Equal(new long[] { 44, 63, 97, 39, 79, 83, 33, 27, 1, 60, 3, 66 }, x.ToArray<long>());
    }

    [Fact]
    public void RandIntIntoInt32MatchesPyTorch()
    {
        Torch.ManualSeed(0);
        var t = Torch.RandInt(-3, 1000, [6], DType.Int32);
        Assert.Equal(DType.Int32, t.DType);
        Assert.Equal(new[] { 786, 340, 349, 13, 645, 898 }, t.ToArray<int>());
    }

    [Fact]
    public void EngineIsTheStandardMersenneTwister()
    {
        // C++ [rand.predef]: the 10000th output of a default-constructed std::mt19937 (seed 5489) is 4123659995.
        var g = new Generator(5489);
        Assert.Equal(3499211612u, g.NextUInt32());
        for (int i = 2; i < 10000; i++) g.NextUInt32();
        Assert.Equal(4123659995u, g.NextUInt32());
    }

    [Fact]
    public void RandIntTakesOneDrawModuloTheRange()
    {
        Torch.ManualSeed(0);
        Assert.Equal(new long[] { 4, 9, 3, 0, 3, 9, 7, 3 }, Torch.RandInt(0, 10, [8]).ToArray<long>());
        Torch.ManualSeed(1);
        var t = Torch.RandInt(-5, 5, [2, 3]);
        Assert.Equal(new long[] { 2, 3 }, t.Shape.ToArray());
        Assert.Equal(new long[] { 0, 4, -1, 3, -2, -2 }, t.ToArray<long>());
        Torch.ManualSeed(0);
        Assert.Equal(new byte[] { 172, 47, 117, 192, 67 }, Torch.RandInt(0, 256, [5], DType.UInt8).ToArray<byte>());
        Torch.ManualSeed(0);
        RandomAssert.Exact([4f, 9f, 3f, 0f, 3f], Torch.Empty(5).Random_(0, 10));
    }

    [Fact]
    public void RandIntWithARangeOfTwoToTheFortyUsesSixtyFourBitDraws()
    {
        Torch.ManualSeed(0);
        Assert.Equal(new[] { 741280623151L, 506137267392L, 291447657211L, 841157541223L }, Torch.RandInt(0, 1L << 40, [4]).ToArray<long>());
    }

    [Fact]
    public void RandPermMatchesPyTorchShuffle()
    {
        Torch.ManualSeed(0);
        Assert.Equal(new long[] { 4, 1, 7, 5, 3, 9, 0, 8, 6, 2 }, Torch.RandPerm(10).ToArray<long>());
        Torch.ManualSeed(0);
        Assert.Equal(new long[] { 19, 16, 6, 17, 5, 24, 11, 8, 14, 12, 21, 2, 15, 1, 22, 10, 13, 9, 7, 18, 3, 4, 20, 23, 0 },
            Torch.RandPerm(25).ToArray<long>());
        Torch.ManualSeed(0);
        Assert.Equal(new long[] { 0 }, Torch.RandPerm(1).ToArray<long>());
        Assert.Empty(Torch.RandPerm(0).ToArray<long>());
        Torch.ManualSeed(5);
        var big = Torch.RandPerm(1000).ToArray<long>();
        Assert.Equal(new long[] { 411, 49, 291, 695, 678 }, big[..5]);
        Assert.Equal(568153248940032ul, RandomAssert.Hash(Array.ConvertAll(big, v => (float)v)));
    }

    [Fact]
    public void RandPermRejectsNegativeAndTooLargeSizes()
    {
        var negative = Assert.Throws<ArgumentException>(() => Torch.RandPerm(-1));
        Assert.Contains("randperm", negative.Message);
        Assert.Contains("-1", negative.Message);
        var uint8 = Assert.Throws<ArgumentException>(() => Torch.RandPerm(300, DType.UInt8));
        Assert.Contains("uint8", uint8.Message);
    }

    [Fact]
    public void ExplicitGeneratorKeepsItsOwnStream()
    {
        var g = new Generator(123);
        Torch.ManualSeed(0);
        _ = Torch.Rand(5); // the default generator advancing must not affect g
        RandomAssert.Exact([0.29611194133758545f, 0.516562283039093f, 0.2516707181930542f, 0.6885567903518677f], Torch.Rand([4], generator: g));
        RandomAssert.Exact([-0.3696345090866089f, -0.2404179722070694f, -1.1969243288040161f], Torch.Randn([3], generator: g));
        Assert.Equal(new long[] { 0, 2, 1, 3, 4, 5 }, Torch.RandPerm(6, generator: g).ToArray<long>());
    }

    [Fact]
    public void FreshGeneratorUsesPyTorchsDefaultSeed()
    {
        var g = new Generator();
        Assert.Equal(67280421310721ul, g.InitialSeed);
        RandomAssert.Exact([0.267295241355896f, 0.8725283145904541f, 0.3352888226509094f], Torch.Rand([3], generator: g));
    }

    [Fact]
    public void SeedAboveThirtyTwoBitsIsKeptButOnlyItsLowBitsSeedTheEngine()
    {
        var g = new Generator(0x1_0000_0005);
        Assert.Equal(4294967301ul, g.InitialSeed);
        RandomAssert.Exact([0.8302518725395203f, 0.12611091136932373f], Torch.Rand([2], generator: g));
    }
}
