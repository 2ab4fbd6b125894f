namespace StaticNet.Tests.Tensors;

/// <summary>Tensor.ToString(): layout, shapes, dtypes, views and suffixes, checked against PyTorch's repr.</summary>
/// <remarks>
/// Every expected string is <c>repr()</c> of the same tensor in PyTorch 1.13 (the comment gives the Python
/// expression), with <c>dtype=torch.X</c> written <c>dtype=X</c> as StaticNet prints it.
/// </remarks>
public class PrintingTests
{
    [Fact]
    public void ArangeMatrixAlignsColumnsOfIntegers()
    {
        // torch.arange(12).view(3, 4)
        var x = Torch.Arange(12).View(3, 4);
        Assert.Equal("""
            tensor([[ 0,  1,  2,  3],
                    [ 4,  5,  6,  7],
                    [ 8,  9, 10, 11]])
            """, x.ToString());
    }

    [Fact]
    public void Float64ColumnOfWholeNumbersPrintsTrailingPoints()
    {
        // torch.tensor([[2.],[5.]], dtype=torch.float64)
        var x = Torch.Tensor(new double[,] { { 2 }, { 5 } }, DType.Float64);
        Assert.Equal("""
            tensor([[2.],
                    [5.]], dtype=float64)
            """, x.ToString());
    }

    [Fact]
    public void PermutedViewPrintsBlankLinesBetweenBlocks()
    {
        // torch.tensor([[[1,2,3],[4,5,6]]]).permute(2, 0, 1)
        var x = Torch.Tensor(new long[,,] { { { 1, 2, 3 }, { 4, 5, 6 } } }).Permute(2, 0, 1);
        Assert.Equal("""
            tensor([[[1, 4]],

                    [[2, 5]],

                    [[3, 6]]])
            """, x.ToString());
    }

    [Fact]
    public void FirstRowOfFloatMatrixUsesFourDecimals()
    {
        // torch.tensor([[1.0,3.8,2.1],[8.6,4.0,2.4]])[0]
        var x = Torch.Tensor(new[,] { { 1.0, 3.8, 2.1 }, { 8.6, 4.0, 2.4 } }).Select(0, 0);
        Assert.Equal("tensor([1.0000, 3.8000, 2.1000])", x.ToString());
    }

    [Fact]
    public void FloatMatrixPrintsTwoRows()
    {
        // torch.tensor([[1.0,3.8,2.1],[8.6,4.0,2.4]])
        var x = Torch.Tensor(new[,] { { 1.0, 3.8, 2.1 }, { 8.6, 4.0, 2.4 } });
        Assert.Equal("""
            tensor([[1.0000, 3.8000, 2.1000],
                    [8.6000, 4.0000, 2.4000]])
            """, x.ToString());
    }

    [Fact]
    public void IntegerMatrixWithHundredsPadsToThreeDigits()
    {
        // torch.tensor([[0,1,100,100],[4,5,100,100],[8,9,100,100]])
        var x = Torch.Tensor(new long[,] { { 0, 1, 100, 100 }, { 4, 5, 100, 100 }, { 8, 9, 100, 100 } });
        Assert.Equal("""
            tensor([[  0,   1, 100, 100],
                    [  4,   5, 100, 100],
                    [  8,   9, 100, 100]])
            """, x.ToString());
    }

    [Fact]
    public void ZeroDimInt64()
    {
        // torch.tensor(7)
        var x = Torch.Tensor(7L);
        Assert.Equal("tensor(7)", x.ToString());
    }

    [Fact]
    public void ZeroDimBool()
    {
        // torch.tensor(True)
        var x = Torch.Tensor(true);
        Assert.Equal("tensor(True)", x.ToString());
    }

    [Fact]
    public void SingleElementVector()
    {
        // torch.tensor([42.])
        var x = Torch.Tensor(new[] { 42.0 });
        Assert.Equal("tensor([42.])", x.ToString());
    }

    [Fact]
    public void EmptyFloatVector()
    {
        // torch.tensor([])
        var x = Torch.Tensor(new float[0]);
        Assert.Equal("tensor([])", x.ToString());
    }

    [Fact]
    public void EmptyMatrixShowsSize()
    {
        // torch.zeros(0, 3)
        var x = Torch.Zeros(0, 3);
        Assert.Equal("tensor([], size=(0, 3))", x.ToString());
    }

    [Fact]
    public void EmptyInt32VectorShowsDtype()
    {
        // torch.zeros(0, dtype=torch.int32)
        var x = Torch.Zeros([0], DType.Int32);
        Assert.Equal("tensor([], dtype=int32)", x.ToString());
    }

    [Fact]
    public void EmptyInt64VectorShowsDtype()
    {
        // torch.zeros(0, dtype=torch.int64)
        var x = Torch.Zeros([0], DType.Int64);
        Assert.Equal("tensor([], dtype=int64)", x.ToString());
    }

    [Fact]
    public void EmptyFloat64ThreeDimShowsSizeAndDtype()
    {
        // torch.zeros(2, 0, 4, dtype=torch.float64)
        var x = Torch.Zeros([2, 0, 4], DType.Float64);
        Assert.Equal("tensor([], size=(2, 0, 4), dtype=float64)", x.ToString());
    }

    [Fact]
    public void EmptyBoolMatrixShowsSizeAndDtype()
    {
        // torch.zeros(3, 0, dtype=torch.bool)
        var x = Torch.Zeros([3, 0], DType.Bool);
        Assert.Equal("tensor([], size=(3, 0), dtype=bool)", x.ToString());
    }

    [Fact]
    public void MixedNegativeIntegersAlign()
    {
        // torch.tensor([-100, 5, -3, 42])
        var x = Torch.Tensor(new long[] { -100, 5, -3, 42 });
        Assert.Equal("tensor([-100,    5,   -3,   42])", x.ToString());
    }

    [Fact]
    public void BoolVectorPadsTrue()
    {
        // torch.tensor([True, False, True])
        var x = Torch.Tensor(new[] { true, false, true });
        Assert.Equal("tensor([ True, False,  True])", x.ToString());
    }

    [Fact]
    public void BoolMatrix()
    {
        // torch.tensor([[True], [False]])
        var x = Torch.Tensor(new[,] { { true }, { false } });
        Assert.Equal("""
            tensor([[ True],
                    [False]])
            """, x.ToString());
    }

    [Fact]
    public void UInt8ShowsDtype()
    {
        // torch.tensor([0, 128, 255], dtype=torch.uint8)
        var x = Torch.Tensor(new byte[] { 0, 128, 255 });
        Assert.Equal("tensor([  0, 128, 255], dtype=uint8)", x.ToString());
    }

    [Fact]
    public void Int32ShowsDtype()
    {
        // torch.tensor([[1, -2], [300, 4]], dtype=torch.int32)
        var x = Torch.Tensor(new[,] { { 1, -2 }, { 300, 4 } }, DType.Int32);
        Assert.Equal("""
            tensor([[  1,  -2],
                    [300,   4]], dtype=int32)
            """, x.ToString());
    }

    [Fact]
    public void Int64ExtremesPrintExactly()
    {
        // torch.tensor([9223372036854775807, -9223372036854775808, 9223372036854775806])
        var x = Torch.Tensor(new[] { long.MaxValue, long.MinValue, long.MaxValue - 1 });
        Assert.Equal("tensor([ 9223372036854775807, -9223372036854775808,  9223372036854775806])", x.ToString());
    }

    [Fact]
    public void LongVectorWrapsAtLineWidth()
    {
        // torch.arange(40)
        var x = Torch.Arange(40);
        Assert.Equal("""
            tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,
                    18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
                    36, 37, 38, 39])
            """, x.ToString());
    }

    [Fact]
    public void LongFloatVectorWrapsAtLineWidth()
    {
        // torch.arange(0, 3, 0.25)
        var x = Torch.Arange(0.0, 3.0, 0.25);
        Assert.Equal("""
            tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000, 1.2500, 1.5000, 1.7500, 2.0000,
                    2.2500, 2.5000, 2.7500])
            """, x.ToString());
    }

    [Fact]
    public void WrappedRowsInsideMatrixIndentOneMore()
    {
        // torch.arange(60, dtype=torch.float64).view(2, 30) / 7
        var x = Torch.Arange(60, DType.Float64).View(2, 30) / 7;
        Assert.Equal("""
            tensor([[0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.0000, 1.1429,
                     1.2857, 1.4286, 1.5714, 1.7143, 1.8571, 2.0000, 2.1429, 2.2857, 2.4286,
                     2.5714, 2.7143, 2.8571, 3.0000, 3.1429, 3.2857, 3.4286, 3.5714, 3.7143,
                     3.8571, 4.0000, 4.1429],
                    [4.2857, 4.4286, 4.5714, 4.7143, 4.8571, 5.0000, 5.1429, 5.2857, 5.4286,
                     5.5714, 5.7143, 5.8571, 6.0000, 6.1429, 6.2857, 6.4286, 6.5714, 6.7143,
                     6.8571, 7.0000, 7.1429, 7.2857, 7.4286, 7.5714, 7.7143, 7.8571, 8.0000,
                     8.1429, 8.2857, 8.4286]], dtype=float64)
            """, x.ToString());
    }

    [Fact]
    public void LargeVectorIsSummarized()
    {
        // torch.arange(2000)
        var x = Torch.Arange(2000);
        Assert.Equal("tensor([   0,    1,    2,  ..., 1997, 1998, 1999])", x.ToString());
    }

    [Fact]
    public void LargeMatrixIsSummarizedInBothDims()
    {
        // torch.arange(10000, dtype=torch.float32).view(100, 100)
        var x = Torch.Arange(10000, DType.Float32).View(100, 100);
        Assert.Equal("""
            tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 9.7000e+01, 9.8000e+01,
                     9.9000e+01],
                    [1.0000e+02, 1.0100e+02, 1.0200e+02,  ..., 1.9700e+02, 1.9800e+02,
                     1.9900e+02],
                    [2.0000e+02, 2.0100e+02, 2.0200e+02,  ..., 2.9700e+02, 2.9800e+02,
                     2.9900e+02],
                    ...,
                    [9.7000e+03, 9.7010e+03, 9.7020e+03,  ..., 9.7970e+03, 9.7980e+03,
                     9.7990e+03],
                    [9.8000e+03, 9.8010e+03, 9.8020e+03,  ..., 9.8970e+03, 9.8980e+03,
                     9.8990e+03],
                    [9.9000e+03, 9.9010e+03, 9.9020e+03,  ..., 9.9970e+03, 9.9980e+03,
                     9.9990e+03]])
            """, x.ToString());
    }

    [Fact]
    public void SummarizedWidthComesFromVisibleElementsOnly()
    {
        // torch.full((1002,), 2.5).index_fill(0, torch.tensor([500]), 1e-9)
        var x = SummaryWidthSource();
        Assert.Equal("tensor([2.5000, 2.5000, 2.5000,  ..., 2.5000, 2.5000, 2.5000])", x.ToString());
    }

    [Fact]
    public void LargeThreeDimTensorIsSummarized()
    {
        // torch.arange(1008).view(7, 8, 18)
        var x = Torch.Arange(1008).View(7, 8, 18);
        Assert.Equal("""
            tensor([[[   0,    1,    2,  ...,   15,   16,   17],
                     [  18,   19,   20,  ...,   33,   34,   35],
                     [  36,   37,   38,  ...,   51,   52,   53],
                     ...,
                     [  90,   91,   92,  ...,  105,  106,  107],
                     [ 108,  109,  110,  ...,  123,  124,  125],
                     [ 126,  127,  128,  ...,  141,  142,  143]],

                    [[ 144,  145,  146,  ...,  159,  160,  161],
                     [ 162,  163,  164,  ...,  177,  178,  179],
                     [ 180,  181,  182,  ...,  195,  196,  197],
                     ...,
                     [ 234,  235,  236,  ...,  249,  250,  251],
                     [ 252,  253,  254,  ...,  267,  268,  269],
                     [ 270,  271,  272,  ...,  285,  286,  287]],

                    [[ 288,  289,  290,  ...,  303,  304,  305],
                     [ 306,  307,  308,  ...,  321,  322,  323],
                     [ 324,  325,  326,  ...,  339,  340,  341],
                     ...,
                     [ 378,  379,  380,  ...,  393,  394,  395],
                     [ 396,  397,  398,  ...,  411,  412,  413],
                     [ 414,  415,  416,  ...,  429,  430,  431]],

                    ...,

                    [[ 576,  577,  578,  ...,  591,  592,  593],
                     [ 594,  595,  596,  ...,  609,  610,  611],
                     [ 612,  613,  614,  ...,  627,  628,  629],
                     ...,
                     [ 666,  667,  668,  ...,  681,  682,  683],
                     [ 684,  685,  686,  ...,  699,  700,  701],
                     [ 702,  703,  704,  ...,  717,  718,  719]],

                    [[ 720,  721,  722,  ...,  735,  736,  737],
                     [ 738,  739,  740,  ...,  753,  754,  755],
                     [ 756,  757,  758,  ...,  771,  772,  773],
                     ...,
                     [ 810,  811,  812,  ...,  825,  826,  827],
                     [ 828,  829,  830,  ...,  843,  844,  845],
                     [ 846,  847,  848,  ...,  861,  862,  863]],

                    [[ 864,  865,  866,  ...,  879,  880,  881],
                     [ 882,  883,  884,  ...,  897,  898,  899],
                     [ 900,  901,  902,  ...,  915,  916,  917],
                     ...,
                     [ 954,  955,  956,  ...,  969,  970,  971],
                     [ 972,  973,  974,  ...,  987,  988,  989],
                     [ 990,  991,  992,  ..., 1005, 1006, 1007]]])
            """, x.ToString());
    }

    [Fact]
    public void ThreeDimTensorSeparatesBlocksByBlankLines()
    {
        // torch.arange(24).view(2, 3, 4)
        var x = Torch.Arange(24).View(2, 3, 4);
        Assert.Equal("""
            tensor([[[ 0,  1,  2,  3],
                     [ 4,  5,  6,  7],
                     [ 8,  9, 10, 11]],

                    [[12, 13, 14, 15],
                     [16, 17, 18, 19],
                     [20, 21, 22, 23]]])
            """, x.ToString());
    }

    [Fact]
    public void FourDimTensorSeparatesBlocksByTwoBlankLines()
    {
        // torch.arange(16, dtype=torch.float32).view(2, 2, 2, 2) / 4
        var x = Torch.Arange(16, DType.Float32).View(2, 2, 2, 2) / 4;
        Assert.Equal("""
            tensor([[[[0.0000, 0.2500],
                      [0.5000, 0.7500]],

                     [[1.0000, 1.2500],
                      [1.5000, 1.7500]]],


                    [[[2.0000, 2.2500],
                      [2.5000, 2.7500]],

                     [[3.0000, 3.2500],
                      [3.5000, 3.7500]]]])
            """, x.ToString());
    }

    [Fact]
    public void TransposedViewReadsThroughStrides()
    {
        // torch.arange(6).view(2, 3).t()
        var x = Torch.Arange(6).View(2, 3).Transpose(0, 1);
        Assert.Equal("""
            tensor([[0, 3],
                    [1, 4],
                    [2, 5]])
            """, x.ToString());
    }

    [Fact]
    public void ExpandedViewRepeatsRows()
    {
        // torch.tensor([1.5, 2.0, -3.0]).expand(2, 3)
        var x = Torch.Tensor(new[] { 1.5, 2.0, -3.0 }).Expand(2, 3);
        Assert.Equal("""
            tensor([[ 1.5000,  2.0000, -3.0000],
                    [ 1.5000,  2.0000, -3.0000]])
            """, x.ToString());
    }

    [Fact]
    public void SteppedSliceReadsEveryOtherElement()
    {
        // torch.arange(10)[1::2]
        var x = Torch.Arange(10).Slice(0, 1, null, 2);
        Assert.Equal("tensor([1, 3, 5, 7, 9])", x.ToString());
    }

    [Fact]
    public void RequiresGradAppendsSuffix()
    {
        // torch.tensor([1., 2.], requires_grad=True)
        var x = Torch.Tensor(new[] { 1.0, 2.0 }, requiresGrad: true);
        Assert.Equal("tensor([1., 2.], requires_grad=True)", x.ToString());
    }

    [Fact]
    public void RequiresGradComesAfterDtype()
    {
        // torch.tensor([[0.5], [1.5]], dtype=torch.float64, requires_grad=True)
        var x = Torch.Tensor(new[,] { { 0.5 }, { 1.5 } }, DType.Float64, requiresGrad: true);
        Assert.Equal("""
            tensor([[0.5000],
                    [1.5000]], dtype=float64, requires_grad=True)
            """, x.ToString());
    }

    [Fact]
    public void SuffixWrapsToNewLineWhenRowIsFull()
    {
        // torch.full((9,), 1.5, dtype=torch.float64)
        var x = Torch.Full([9], 1.5, DType.Float64);
        Assert.Equal("""
            tensor([1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000],
                   dtype=float64)
            """, x.ToString());
    }

    [Fact]
    public void RowThatWrapsKeepsSuffixOnLastLine()
    {
        // torch.arange(0, 11, dtype=torch.float64) * 1.5
        var x = Torch.Arange(11, DType.Float64) * 1.5;
        Assert.Equal("""
            tensor([ 0.0000,  1.5000,  3.0000,  4.5000,  6.0000,  7.5000,  9.0000, 10.5000,
                    12.0000, 13.5000, 15.0000], dtype=float64)
            """, x.ToString());
    }

    [Fact]
    public void SingleElementMatrix()
    {
        // torch.tensor([[7]])
        var x = Torch.Tensor(new long[,] { { 7 } });
        Assert.Equal("tensor([[7]])", x.ToString());
    }

    [Fact]
    public void ExpandedColumnRepeatsValues()
    {
        // torch.tensor([[1], [2]]).expand(2, 3)
        var x = Torch.Tensor(new long[,] { { 1 }, { 2 } }).Expand(2, 3);
        Assert.Equal("""
            tensor([[1, 1, 1],
                    [2, 2, 2]])
            """, x.ToString());
    }

    [Fact]
    public void SelectedColumnIsStridedView()
    {
        // torch.arange(12).view(3, 4)[:, 1]
        var x = Torch.Arange(12).View(3, 4).Select(1, 1);
        Assert.Equal("tensor([1, 5, 9])", x.ToString());
    }

    [Fact]
    public void ComparisonResultPrintsAsBool()
    {
        // torch.arange(4) > 1
        var x = Torch.Arange(4).Gt(Torch.Tensor(1L));
        Assert.Equal("tensor([False, False,  True,  True])", x.ToString());
    }

    [Fact]
    public void Int32ArangeMatrix()
    {
        // torch.arange(6, dtype=torch.int32).view(2, 3)
        var x = Torch.Arange(6, DType.Int32).View(2, 3);
        Assert.Equal("""
            tensor([[0, 1, 2],
                    [3, 4, 5]], dtype=int32)
            """, x.ToString());
    }

    [Fact]
    public void ZeroDimRequiresGrad()
    {
        // torch.tensor(2.5, requires_grad=True)
        var x = Torch.Tensor(2.5, requiresGrad: true);
        Assert.Equal("tensor(2.5000, requires_grad=True)", x.ToString());
    }

    [Fact]
    public void JustOverThresholdIsSummarized()
    {
        // torch.arange(1001)
        var x = Torch.Arange(1001);
        Assert.Equal("tensor([   0,    1,    2,  ...,  998,  999, 1000])", x.ToString());
    }

    [Fact]
    public void ThousandElementsAreNotSummarized()
    {
        // repr(torch.arange(1000)): 72 lines, no "..."
        var lines = Torch.Arange(1000).ToString().Split('\n');
        Assert.Equal(72, lines.Length);
        Assert.Equal("tensor([  0,   1,   2,   3,   4,   5,   6,   7,   8,   9,  10,  11,  12,  13,", lines[0]);
        Assert.Equal("        994, 995, 996, 997, 998, 999])", lines[^1]);
        Assert.DoesNotContain(lines, l => l.Contains("...", StringComparison.Ordinal));
    }

    // torch.full((1002,), 2.5) with element 500 set to 1e-9: hidden by summarization, so it must not force scientific mode.
    private static Tensor SummaryWidthSource()
    {
        var data = new float[1002];
        Array.Fill(data, 2.5f);
        data[500] = 1e-9f;
        return Torch.FromArray(data);
    }
}
