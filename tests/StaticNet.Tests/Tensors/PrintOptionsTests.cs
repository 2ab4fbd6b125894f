namespace StaticNet.Tests.Tensors;

/// <summary>Print options (precision, threshold, edge items, line width, sci mode, profiles), checked against PyTorch under the same torch.set_printoptions.</summary>
/// <remarks>
/// Every expected string is <c>repr()</c> of the same tensor in PyTorch 1.13 (the comment gives the Python
/// expression), with <c>dtype=torch.X</c> written <c>dtype=X</c> as StaticNet prints it.
/// </remarks>
public class PrintOptionsTests
{
    [Fact]
    public void PrecisionTwo()
    {
        // torch.tensor([1.12345, 2.5]) under torch.set_printoptions(precision=2)
        var x = Torch.Tensor(new[] { 1.12345, 2.5 });
        Assert.Equal("tensor([1.12, 2.50])", Print(x, PrintOptions.Default with { Precision = 2 }));
    }

    [Fact]
    public void PrecisionZeroRoundsHalfToEven()
    {
        // torch.tensor([2.5, 3.5, 1.25]) under torch.set_printoptions(precision=0)
        var x = Torch.Tensor(new[] { 2.5, 3.5, 1.25 });
        Assert.Equal("tensor([2, 4, 1])", Print(x, PrintOptions.Default with { Precision = 0 }));
    }

    [Fact]
    public void PrecisionZeroInScientific()
    {
        // torch.tensor([2.5e-7, 3.5]) under torch.set_printoptions(precision=0)
        var x = Torch.Tensor(new[] { 2.5e-7, 3.5 });
        Assert.Equal("tensor([2e-07, 4e+00])", Print(x, PrintOptions.Default with { Precision = 0 }));
    }

    [Fact]
    public void ThresholdFiveSummarizesArangeTen()
    {
        // torch.arange(10) under torch.set_printoptions(threshold=5)
        var x = Torch.Arange(10);
        Assert.Equal("tensor([0, 1, 2,  ..., 7, 8, 9])", Print(x, PrintOptions.Default with { Threshold = 5 }));
    }

    [Fact]
    public void EdgeItemsTwoKeepsTwoAtEachEnd()
    {
        // torch.arange(100).view(10, 10) under torch.set_printoptions(threshold=50, edgeitems=2)
        var x = Torch.Arange(100).View(10, 10);
        Assert.Equal("""
            tensor([[ 0,  1,  ...,  8,  9],
                    [10, 11,  ..., 18, 19],
                    ...,
                    [80, 81,  ..., 88, 89],
                    [90, 91,  ..., 98, 99]])
            """, Print(x, PrintOptions.Default with { Threshold = 50, EdgeItems = 2 }));
    }

    [Fact]
    public void NarrowLineWidthWrapsEveryFewElements()
    {
        // torch.arange(10) under torch.set_printoptions(linewidth=20)
        var x = Torch.Arange(10);
        Assert.Equal("""
            tensor([0, 1, 2, 3,
                    4, 5, 6, 7,
                    8, 9])
            """, Print(x, PrintOptions.Default with { LineWidth = 20 }));
    }

    [Fact]
    public void LineWidthBelowIndentStillPrintsOnePerLine()
    {
        // torch.tensor([[10, 20], [30, 40]]) under torch.set_printoptions(linewidth=5)
        var x = Torch.Tensor(new long[,] { { 10, 20 }, { 30, 40 } });
        Assert.Equal("""
            tensor([[10,
                     20],
                    [30,
                     40]])
            """, Print(x, PrintOptions.Default with { LineWidth = 5 }));
    }

    [Fact]
    public void NarrowLineWidthMovesDtypeToNextLine()
    {
        // torch.tensor([1, 2], dtype=torch.int32) under torch.set_printoptions(linewidth=20)
        var x = Torch.Tensor(new[] { 1, 2 }, DType.Int32);
        Assert.Equal("""
            tensor([1, 2],
                   dtype=int32)
            """, Print(x, PrintOptions.Default with { LineWidth = 20 }));
    }

    [Fact]
    public void SciModeTrueForcesScientific()
    {
        // torch.tensor([1., 2.5]) under torch.set_printoptions(sci_mode=True)
        var x = Torch.Tensor(new[] { 1.0, 2.5 });
        Assert.Equal("tensor([1.0000e+00, 2.5000e+00])", Print(x, PrintOptions.Default with { SciMode = true }));
    }

    [Fact]
    public void SciModeTrueIgnoredForAllZeros()
    {
        // torch.zeros(2) under torch.set_printoptions(sci_mode=True)
        var x = Torch.Zeros(2);
        Assert.Equal("tensor([0., 0.])", Print(x, PrintOptions.Default with { SciMode = true }));
    }

    [Fact]
    public void SciModeTrueLeavesIntegersAlone()
    {
        // torch.tensor([3, 40]) under torch.set_printoptions(sci_mode=True)
        var x = Torch.Tensor(new long[] { 3, 40 });
        Assert.Equal("tensor([ 3, 40])", Print(x, PrintOptions.Default with { SciMode = true }));
    }

    [Fact]
    public void SciModeFalseKeepsWidthOfScientificChoice()
    {
        // torch.tensor([1e9, 1.]) under torch.set_printoptions(sci_mode=False)
        var x = Torch.Tensor(new[] { 1e9, 1.0 });
        Assert.Equal("tensor([1000000000.,         1.])", Print(x, PrintOptions.Default with { SciMode = false }));
    }

    [Fact]
    public void SciModeFalsePrintsTinyNegativeAsNegativeZero()
    {
        // torch.tensor([-0.00004, 1.0]) under torch.set_printoptions(sci_mode=False)
        var x = Torch.Tensor(new[] { -0.00004, 1.0 });
        Assert.Equal("tensor([    -0.0000,      1.0000])", Print(x, PrintOptions.Default with { SciMode = false }));
    }

    [Fact]
    public void ShortProfile()
    {
        // torch.arange(10, dtype=torch.float64).view(2, 5) / 3 under torch.set_printoptions(profile='short', threshold=5)
        var x = Torch.Arange(10, DType.Float64).View(2, 5) / 3;
        Assert.Equal("""
            tensor([[0.00, 0.33,  ..., 1.00, 1.33],
                    [1.67, 2.00,  ..., 2.67, 3.00]], dtype=float64)
            """, Print(x, PrintOptions.For(PrintProfile.Short) with { Threshold = 5 }));
    }

    [Fact]
    public void FullProfileNeverSummarizes()
    {
        // torch.ones(1001, dtype=torch.uint8) under torch.set_printoptions(profile='full')
        var x = Torch.Ones([1001], DType.UInt8);
        Assert.Equal("""
            tensor([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], dtype=uint8)
            """, Print(x, PrintOptions.For(PrintProfile.Full)));
    }

    [Fact]
    public void GradFnNameReplacesRequiresGrad()
    {
        // torch.tensor([1., 2.], requires_grad=True) * 2 (autograd supplies the name; the formatter only prints it)
        var x = Torch.Tensor(new[] { 2.0, 4.0 }, requiresGrad: true);
        Assert.Equal("tensor([2., 4.], grad_fn=<MulBackward0>)", TensorFormatter.Format(x, PrintOptions.Default, "MulBackward0"));
    }

    [Fact]
    public void GradFnNameComesAfterDtype()
    {
        // torch.tensor([[1., 2.], [3, 4]], dtype=torch.float64, requires_grad=True).t() * 2
        var x = Torch.Tensor(new double[,] { { 2, 6 }, { 4, 8 } }, DType.Float64);
        Assert.Equal("""
            tensor([[2., 6.],
                    [4., 8.]], dtype=float64, grad_fn=<MulBackward0>)
            """, TensorFormatter.Format(x, PrintOptions.Default, "MulBackward0"));
    }

    [Fact]
    public void NegativePrecisionIsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Torch.SetPrintOptions(precision: -1));
        Assert.Contains("precision must be non-negative, got -1", e.Message);
    }

    [Fact]
    public void ZeroEdgeItemsIsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Torch.SetPrintOptions(edgeItems: 0));
        Assert.Contains("edgeItems must be at least 1, got 0", e.Message);
    }

    private static string Print(Tensor x, PrintOptions options) => TensorFormatter.Format(x, options, null);
}

/// <summary>
/// Tests that change the process-wide print options: they run alone (no other test class in parallel), so no other
/// test sees the changed options, and they restore the defaults when done.
/// </summary>
[CollectionDefinition(nameof(GlobalPrintOptionsCollection), DisableParallelization = true)]
public class GlobalPrintOptionsCollection;

/// <summary><see cref="Torch.SetPrintOptions"/> against PyTorch's torch.set_printoptions, call after call.</summary>
[Collection(nameof(GlobalPrintOptionsCollection))]
public class GlobalPrintOptionsTests
{
    [Fact]
    public void SetPrintOptionsKeepsUnnamedOptionsUntilProfileDefault()
    {
        try
        {
            // torch.set_printoptions(precision=2, linewidth=30)
            Torch.SetPrintOptions(precision: 2, lineWidth: 30);
            Assert.Equal("tensor([1.12, 2.50])", Torch.Tensor(new[] { 1.12345, 2.5 }).ToString());
            Assert.Equal("""
                tensor([ 0,  1,  2,  3,  4,
                         5,  6,  7,  8,  9,
                        10, 11])
                """, Torch.Arange(12).ToString());

            // torch.set_printoptions(threshold=5): precision and linewidth stay
            Torch.SetPrintOptions(threshold: 5);
            Assert.Equal("tensor([1.12, 2.50])", Torch.Tensor(new[] { 1.12345, 2.5 }).ToString());
            Assert.Equal("""
                tensor([ 0,  1,  2,  ...,  9,
                        10, 11])
                """, Torch.Arange(12).ToString());

            // torch.set_printoptions(profile='default')
            Torch.SetPrintOptions(profile: PrintProfile.Default);
            Assert.Equal("tensor([1.1235, 2.5000])", Torch.Tensor(new[] { 1.12345, 2.5 }).ToString());
            Assert.Equal("tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11])", Torch.Arange(12).ToString());
        }
        finally
        {
            Torch.SetPrintOptions(profile: PrintProfile.Default);
        }
    }
}
