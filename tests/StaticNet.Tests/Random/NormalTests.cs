namespace StaticNet.Tests.RandomGeneration;

// Expected values are PyTorch 1.13 CPU output on x86-64 with AVX2 (torch.manual_seed(s) then the same call).
// PyTorch has two normal algorithms: below 16 elements (or non-contiguous) one cached Box–Muller draw per element;
// from 16 contiguous elements a bulk fill that transforms blocks of 16 uniforms.
[Collection(RandomCollection.Name)]
public class NormalTests
{
    [Fact]
    public void RandnBelowSixteenUsesCachedBoxMuller()
    {
        Torch.ManualSeed(0);
        RandomAssert.Exact([1.5409960746765137f, -0.293428897857666f, -2.1787893772125244f, 0.5684312582015991f, -1.0845223665237427f], Torch.Randn(5));
        Torch.ManualSeed(0);
        RandomAssert.Exact([1.5409961082440433, -0.2934289057609464, -2.1787893820745574, 0.5684312772806678, -1.084522342424021],
            Torch.Randn([5], DType.Float64));
    }

    [Fact]
    public void RandnOfSixteenFloatsUsesTheBulkKernel()
    {
        Torch.ManualSeed(0);
        RandomAssert.Exact(Randn16, Torch.Randn(16));
    }

    [Fact]
    public void RandnOfSeventeenRedrawsTheLastSixteen()
    {
        Torch.ManualSeed(0);
        RandomAssert.Exact([
            -1.1258398294448853f, -1.6959311962127686f, 0.5666506290435791f, 0.7935083508491516f, 0.5988394618034363f, -1.5550950765609741f,
            -0.3413603901863098f, 1.85300612449646f, 0.46809640526771545f, -0.5854975581169128f, -0.1733967512845993f, 0.18347793817520142f,
            1.3893661499023438f, 1.586334228515625f, 0.946298360824585f, -0.843676745891571f, 0.9318265914916992f,
        ], Torch.Randn(17));
    }

    [Fact]
    public void RandnOfThirtyThreeKeepsFullBlocksAndRedrawsTheTail()
    {
        Torch.ManualSeed(0);
        RandomAssert.Exact([
            .. Randn16,
            -1.3526537418365479f, 0.03159274160861969f, -0.4926769733428955f, 0.2484147548675537f, 0.4396958351135254f, 0.11241118609905243f,
            0.6407923698425293f, 0.441156268119812f, -0.21586325764656067f, 0.7924439907073975f, -0.28966769576072693f, 0.05250748619437218f,
            0.5228604674339294f, 2.3022053241729736f, -1.4688938856124878f, -1.586688756942749f, 1.203223705291748f,
        ], Torch.Randn(33));
    }

    [Fact]
    public void RandnFloat64BulkKernelMatchesForSixteenSeventeenAndThirtyThree()
    {
        double[] first16 = [
            -2.310411800234176, -0.3732508612577643, -1.0608166785462863, 0.9995093547811761, -0.8840250045832653, -1.2755469302148053,
            -0.623224579866079, -0.8664416019125772, -1.2956271403277857, 1.52363162310635, 0.3236605664983738, 2.0177260314861085,
            1.1357423400213507, -1.226881339001083, 0.07138847120511693, 0.3380174030507378,
        ];
        Torch.ManualSeed(0);
        RandomAssert.Close(first16, Torch.Randn([16], DType.Float64));
        Torch.ManualSeed(0);
        RandomAssert.Close([
            -2.310411800234176, -0.6332746088675096, -1.2609246557194385, -0.726951062065411, -0.019964750907762653, 0.2102998901016947,
            0.17718935139366584, -0.830510051008449, 0.23871805816817063, -0.2426793824588577, -0.7730112772958181, -1.5951814880783068,
            -0.6870036940435463, 1.4880743158106724, -0.4484158047114511, -0.8910030351707375, 0.6748575435940039,
        ], Torch.Randn([17], DType.Float64));
        Torch.ManualSeed(0);
        RandomAssert.Close([
            .. first16,
            0.15351883531544036, 0.5563227724483105, -0.009446277892507904, -1.21768777910687, -1.2654653080284903, -1.1195351830271254,
            1.1664857205254855, 0.9262324572968778, 0.7970100169250297, 0.14821544548810084, -1.1461092231976013, 1.8727763768553416,
            -0.30991497424174674, 0.24018023403782535, -1.3487610270963772, 0.2443990933828689, -0.013720701456433322,
        ], Torch.Randn([33], DType.Float64));
    }

    [Fact]
    public void LargeRandnIsBitIdenticalToPyTorch()
    {
        Torch.ManualSeed(7);
        var x = Torch.Randn(100003).ToArray<float>();
        Assert.Equal(new[] { -0.8201345205307007f, 0.39563116431236267f, 0.8989084959030151f }, x[..3]);
        Assert.Equal(new[] { 0.06967941671609879f, 0.49237701296806335f, 0.701603889465332f }, x[^3..]);
        Assert.Equal(18352731098756500731ul, RandomAssert.Hash(x));

        // Float64 goes through the C library's log/sin/cos (as PyTorch's does): compared with a tolerance.
        Torch.ManualSeed(7);
        var d = Torch.Randn([10003], DType.Float64).ToArray<double>();
        RandomAssert.Close([-0.11966172331442383, 0.20881967273094218, 1.0020044325568105], d[^3..]);
        RandomAssert.Close([0.06626753966449943, 0.42979347123943135, 0.5404112293466824, -0.3721099222440059], [d[0], d[5000], d[9986], d[9987]]);
        Assert.Equal(-171.44569063589628, d.Sum(), 1e-9);
    }

    [Fact]
    public void NormalInPlaceAppliesMeanAndStd()
    {
        Torch.ManualSeed(0);
        RandomAssert.Exact([2.770498037338257f, 1.853285551071167f, 0.9106053113937378f, 2.2842156887054443f, 1.4577388763427734f], Torch.Empty(5).Normal_(2, 0.5));
        Torch.ManualSeed(0);
        RandomAssert.Exact([
            1.5119121074676514f, 1.4933478832244873f, 2.1245949268341064f, 1.99628484249115f, 2.7191874980926514f, 1.2114334106445312f,
            2.0610477924346924f, 3.59710431098938f, 2.6276674270629883f, 2.189601182937622f, 3.3105621337890625f, 2.486234426498413f,
            3.2725563049316406f, 3.4104340076446533f, 2.9624087810516357f, 1.7094262838363647f, 2.9522786140441895f, 3.1813063621520996f,
            3.703486204147339f, 2.337615728378296f,
        ], Torch.Empty(20).Normal_(2.3, 0.7));
        Torch.ManualSeed(0);
        RandomAssert.Close([3.37869727577083, 2.094599765967337, 0.7748474325478097, 2.6979018940964674, 1.5408343603031853],
            Torch.Empty([5], DType.Float64).Normal_(2.3, 0.7));
        Torch.ManualSeed(0);
        RandomAssert.Close([
            0.6827117398360767, 2.038724397119565, 1.5574283250175995, 2.999656548346823, 2.286024674364566, 2.447209923071186,
            2.424032545975566, 1.7186429642940855, 2.4671026407177195, 2.813469857969099, 1.3746827196005036, 3.220367955637986,
            1.8190974141695173, 3.3416520210674703, 1.9861089367019842, 1.6762978753804836, 2.7724002805158023, 3.032805763887026,
            2.4080066250526126, 1.775075934012564,
        ], Torch.Empty([20], DType.Float64).Normal_(2.3, 0.7));
    }

    [Fact]
    public void NormalInPlaceWithMeanAndStdMatchesOnLargeAndSmallTensors()
    {
        Torch.ManualSeed(7);
        Assert.Equal(18443912526088483808ul, RandomAssert.Hash(Torch.Empty(4099).Normal_(-1.5, 3.25).ToArray<float>()));
        Torch.ManualSeed(7);
        Assert.Equal(18446744015439744143ul, RandomAssert.Hash(Torch.Empty(15).Normal_(-1.5, 3.25).ToArray<float>()));

        Torch.ManualSeed(7);
        var d = Torch.Empty([4099], DType.Float64).Normal_(-1.5, 3.25).ToArray<double>();
        RandomAssert.Close([-1.284630496090377, -1.3472774454572467, -5.328264869238132, 2.178434223522122, -1.025811736620063],
            [d[0], d[1], d[4082], d[4083], d[4098]]);
        Assert.Equal(-6295.561152288585, d.Sum(), 1e-9);
        Torch.ManualSeed(7);
        RandomAssert.Close([
            -1.9770840668262344, 1.0549592208514913, 1.5771702292628582, -5.12161806909835, 3.995067908831258, -4.4081906073110755,
            -2.655781337770194, 2.5052536717868823, -1.0509388430159745, -6.967145079674423, -0.46754547495660387, -1.0683773652725894,
            -1.0536966864616983, -0.7182250820336805, 3.035215087652186,
        ], Torch.Empty([15], DType.Float64).Normal_(-1.5, 3.25));
    }

    [Fact]
    public void CachedNormalSampleCarriesOverToTheNextCall()
    {
        Torch.ManualSeed(0);
        RandomAssert.Exact([1.5409961082440433, -0.2934289057609464, -2.1787893820745574], Torch.Randn([3], DType.Float64));
        RandomAssert.Exact([0.5684312772806678, -1.084522342424021, -1.3985953953708767], Torch.Randn([3], DType.Float64));
    }

    [Fact]
    public void CachedNormalSampleSurvivesUniformAndBulkDraws()
    {
        Torch.ManualSeed(0);
        RandomAssert.Exact([1.5409960746765137f], Torch.Randn(1));
        RandomAssert.Exact([0.30742281675338745f], Torch.Rand(1));
        RandomAssert.Exact([-0.293428897857666f], Torch.Randn(1)); // the cached sine half of the first pair
        var bulk = Torch.Randn(20).ToArray<float>();
        Assert.Equal(new[] { 0.6920091509819031f, -0.31601276993751526f, -2.1152193546295166f }, bulk[..3]);
        RandomAssert.Exact([0.7455421090126038f], Torch.Randn(1));
    }

    [Fact]
    public void ManualSeedDropsTheCachedNormalSample()
    {
        Torch.ManualSeed(0);
        _ = Torch.Randn(1);
        Torch.ManualSeed(0);
        RandomAssert.Exact([1.5409960746765137f], Torch.Randn(1));
    }

    [Fact]
    public void NormalOnANonContiguousViewUsesTheScalarAlgorithmInMemoryOrder()
    {
        Torch.ManualSeed(0);
        var x = Torch.Empty(6, 4).T;
        x.Normal_();
        RandomAssert.Exact([
            1.5409960746765137f, -1.0845223665237427f, -0.7192575931549072f, -0.8566746115684509f, -0.5663174986839294f, 0.3703935444355011f,
            -0.293428897857666f, -1.3985954523086548f, -0.40334352850914f, 1.1006041765213013f, 0.3731146454811096f, 1.4565025568008423f,
            -2.1787893772125244f, 0.40334683656692505f, -0.5966353416442871f, -1.0711873769760132f, -0.8919953107833862f, 0.9398099184036255f,
            0.5684312582015991f, 0.8380263447761536f, 0.18203648924827576f, 0.1227012425661087f, -1.5091077089309692f, 0.7748488187789917f,
        ], x);
    }

    private static readonly float[] Randn16 = [
        -1.1258398294448853f, -1.152360200881958f, -0.2505785822868347f, -0.4338788092136383f, 0.8487103581428528f, 0.6920091509819031f,
        -0.31601276993751526f, -2.1152193546295166f, 0.32227492332458496f, -1.2633347511291504f, 0.34998318552970886f, 0.30813392996788025f,
        0.11984150856733322f, 1.237657904624939f, 1.1167771816253662f, -0.2472781538963318f,
    ];
}
