namespace StaticNet.Tests.Tensors;

/// <summary>Tensor.ToString(): fixed, integer and scientific number modes, rounding, nan/inf and signed zero.</summary>
/// <remarks>
/// Every expected string is <c>repr()</c> of the same tensor in PyTorch 1.13 (the comment gives the Python
/// expression), with <c>dtype=torch.X</c> written <c>dtype=X</c> as StaticNet prints it.
/// </remarks>
public class PrintingNumberFormatTests
{
    [Fact]
    public void HalvesPrintWithFourDecimals()
    {
        // torch.tensor([2.5, 3.5])
        var x = Torch.Tensor(new[] { 2.5, 3.5 });
        Assert.Equal("tensor([2.5000, 3.5000])", x.ToString());
    }

    [Fact]
    public void ZeroDimFloat64WholeNumber()
    {
        // torch.tensor(32., dtype=torch.float64)
        var x = Torch.Tensor(32.0, DType.Float64);
        Assert.Equal("tensor(32., dtype=float64)", x.ToString());
    }

    [Fact]
    public void ExpOfFloat64PadsSmallerNumbers()
    {
        // torch.tensor([1.,2.,3.], dtype=torch.float64).exp()
        var x = Torch.Tensor(new[] { 1.0, 2.0, 3.0 }, DType.Float64).Exp();
        Assert.Equal("tensor([ 2.7183,  7.3891, 20.0855], dtype=float64)", x.ToString());
    }

    [Fact]
    public void ZeroDimFloat32Fraction()
    {
        // torch.tensor(3.5)
        var x = Torch.Tensor(3.5);
        Assert.Equal("tensor(3.5000)", x.ToString());
    }

    [Fact]
    public void ZeroDimNegativeFloat()
    {
        // torch.tensor(-0.25)
        var x = Torch.Tensor(-0.25);
        Assert.Equal("tensor(-0.2500)", x.ToString());
    }

    [Fact]
    public void TinyAndUnitValuesSwitchToScientific()
    {
        // torch.tensor([1e-5, 1.0])
        var x = Torch.Tensor(new[] { 1e-5, 1.0 });
        Assert.Equal("tensor([1.0000e-05, 1.0000e+00])", x.ToString());
    }

    [Fact]
    public void HugeWholeNumbersSwitchToScientific()
    {
        // torch.tensor([1e9, 1.])
        var x = Torch.Tensor(new[] { 1e9, 1.0 });
        Assert.Equal("tensor([1.0000e+09, 1.0000e+00])", x.ToString());
    }

    [Fact]
    public void WideRangeOfFractionsSwitchesToScientific()
    {
        // torch.tensor([0.0001, 12345.0])
        var x = Torch.Tensor(new[] { 0.0001, 12345.0 });
        Assert.Equal("tensor([1.0000e-04, 1.2345e+04])", x.ToString());
    }

    [Fact]
    public void RangeJustUnderOneThousandStaysFixed()
    {
        // torch.tensor([0.5, 499.5])
        var x = Torch.Tensor(new[] { 0.5, 499.5 });
        Assert.Equal("tensor([  0.5000, 499.5000])", x.ToString());
    }

    [Fact]
    public void WholeNumbersBeyondHundredMillionUseScientific()
    {
        // torch.tensor([123456789.0, 200000000.0], dtype=torch.float64)
        var x = Torch.Tensor(new[] { 123456789.0, 200000000.0 }, DType.Float64);
        Assert.Equal("tensor([1.2346e+08, 2.0000e+08], dtype=float64)", x.ToString());
    }

    [Fact]
    public void Float32TenToTheTenUsesScientific()
    {
        // torch.tensor([1e10])
        var x = Torch.Tensor(new[] { 1e10 });
        Assert.Equal("tensor([1.0000e+10])", x.ToString());
    }

    [Fact]
    public void Float32HundredMillionsRoundToFloat()
    {
        // torch.tensor([123456789.0, 1.5])
        var x = Torch.Tensor(new[] { 123456789.0, 1.5 });
        Assert.Equal("tensor([1.2346e+08, 1.5000e+00])", x.ToString());
    }

    [Fact]
    public void Float32TenthPrintsFromItsFloatValue()
    {
        // torch.tensor([0.1, 0.2, 0.3])
        var x = Torch.Tensor(new[] { 0.1, 0.2, 0.3 });
        Assert.Equal("tensor([0.1000, 0.2000, 0.3000])", x.ToString());
    }

    [Fact]
    public void Float32RoundsThirdDecimalCasesLikePython()
    {
        // torch.tensor([2.675, 1.00005, 0.03125])
        var x = Torch.Tensor(new[] { 2.675, 1.00005, 0.03125 });
        Assert.Equal("tensor([2.6750, 1.0000, 0.0312])", x.ToString());
    }

    [Fact]
    public void Float64TiesRoundHalfToEven()
    {
        // torch.tensor([0.03125, 0.09375, 1.5], dtype=torch.float64)
        var x = Torch.Tensor(new[] { 0.03125, 0.09375, 1.5 }, DType.Float64);
        Assert.Equal("tensor([0.0312, 0.0938, 1.5000], dtype=float64)", x.ToString());
    }

    [Fact]
    public void Float64KeepsItsOwnPrecision()
    {
        // torch.tensor([1.23456789, 0.1], dtype=torch.float64)
        var x = Torch.Tensor(new[] { 1.23456789, 0.1 }, DType.Float64);
        Assert.Equal("tensor([1.2346, 0.1000], dtype=float64)", x.ToString());
    }

    [Fact]
    public void ScientificTiesRoundHalfToEven()
    {
        // torch.tensor([1.03125e-5, 1.0], dtype=torch.float64)
        var x = Torch.Tensor(new[] { 1.03125e-5, 1.0 }, DType.Float64);
        Assert.Equal("tensor([1.0312e-05, 1.0000e+00], dtype=float64)", x.ToString());
    }

    [Fact]
    public void MixedNegativeFractionsAlign()
    {
        // torch.tensor([[-1.5, 2.25], [3.125, -40.0]])
        var x = Torch.Tensor(new[,] { { -1.5, 2.25 }, { 3.125, -40.0 } });
        Assert.Equal("""
            tensor([[ -1.5000,   2.2500],
                    [  3.1250, -40.0000]])
            """, x.ToString());
    }

    [Fact]
    public void AllZeroFloatMatrix()
    {
        // torch.zeros(2, 3)
        var x = Torch.Zeros(2, 3);
        Assert.Equal("""
            tensor([[0., 0., 0.],
                    [0., 0., 0.]])
            """, x.ToString());
    }

    [Fact]
    public void NegativeZeroPrintsItsSign()
    {
        // torch.tensor([-0.0, 1.0])
        var x = Torch.Tensor(new[] { -0.0, 1.0 });
        Assert.Equal("tensor([-0., 1.])", x.ToString());
    }

    [Fact]
    public void NegativeZeroAmongFractionsSticksOut()
    {
        // torch.tensor([-0.0, 1.5, 2.25])
        var x = Torch.Tensor(new[] { -0.0, 1.5, 2.25 });
        Assert.Equal("tensor([-0.0000, 1.5000, 2.2500])", x.ToString());
    }

    [Fact]
    public void NanAndInfinitiesInIntegerMode()
    {
        // torch.tensor([nan, inf, -inf, 1.0])
        var x = Torch.Tensor(new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.0 });
        Assert.Equal("tensor([nan, inf, -inf, 1.])", x.ToString());
    }

    [Fact]
    public void NanAmongFractionsIsPadded()
    {
        // torch.tensor([nan, -1.5, 2.0])
        var x = Torch.Tensor(new[] { double.NaN, -1.5, 2.0 });
        Assert.Equal("tensor([    nan, -1.5000,  2.0000])", x.ToString());
    }

    [Fact]
    public void OnlyNonFiniteValues()
    {
        // torch.tensor([nan, inf])
        var x = Torch.Tensor(new[] { double.NaN, double.PositiveInfinity });
        Assert.Equal("tensor([nan, inf])", x.ToString());
    }

    [Fact]
    public void InfinityWithTinyValueUsesScientific()
    {
        // torch.tensor([inf, 1e-6, 0.0])
        var x = Torch.Tensor(new[] { double.PositiveInfinity, 1e-6, 0.0 });
        Assert.Equal("tensor([       inf, 1.0000e-06, 0.0000e+00])", x.ToString());
    }

    [Fact]
    public void EyeMatrixPrintsIntegerModeFloats()
    {
        // torch.eye(3)
        var x = Torch.Eye(3);
        Assert.Equal("""
            tensor([[1., 0., 0.],
                    [0., 1., 0.],
                    [0., 0., 1.]])
            """, x.ToString());
    }

    [Fact]
    public void LinspaceFractions()
    {
        // torch.linspace(-1, 1, 5)
        var x = Torch.Linspace(-1, 1, 5);
        Assert.Equal("tensor([-1.0000, -0.5000,  0.0000,  0.5000,  1.0000])", x.ToString());
    }

    [Fact]
    public void SubnormalDoubleUsesScientific()
    {
        // torch.tensor([5e-324, 1.0], dtype=torch.float64)
        var x = Torch.Tensor(new[] { double.Epsilon, 1.0 }, DType.Float64);
        Assert.Equal("tensor([4.9407e-324,  1.0000e+00], dtype=float64)", x.ToString());
    }

    [Fact]
    public void ScientificWithThreeDigitExponent()
    {
        // torch.tensor([1e300, -2.5e-300], dtype=torch.float64)
        var x = Torch.Tensor(new[] { 1e300, -2.5e-300 }, DType.Float64);
        Assert.Equal("tensor([ 1.0000e+300, -2.5000e-300], dtype=float64)", x.ToString());
    }

    [Fact]
    public void ScientificRoundingCarriesIntoExponent()
    {
        // torch.tensor([9.99996e-5, 1.0], dtype=torch.float64)
        var x = Torch.Tensor(new[] { 9.99996e-5, 1.0 }, DType.Float64);
        Assert.Equal("tensor([1.0000e-04, 1.0000e+00], dtype=float64)", x.ToString());
    }

    [Fact]
    public void NegativeTinyValueKeepsSignInScientific()
    {
        // torch.tensor([-0.00004, 1.0, 0.5])
        var x = Torch.Tensor(new[] { -0.00004, 1.0, 0.5 });
        Assert.Equal("tensor([-4.0000e-05,  1.0000e+00,  5.0000e-01])", x.ToString());
    }

    [Fact]
    public void ThousandFourthPowerOfTenStaysFixedInFloat64()
    {
        // torch.tensor([0.0001, 0.05], dtype=torch.float64)
        var x = Torch.Tensor(new[] { 0.0001, 0.05 }, DType.Float64);
        Assert.Equal("tensor([0.0001, 0.0500], dtype=float64)", x.ToString());
    }

    [Fact]
    public void Float32TenThousandthIsBelowTheScientificBound()
    {
        // torch.tensor([0.0001, 0.05])
        var x = Torch.Tensor(new[] { 0.0001, 0.05 });
        Assert.Equal("tensor([1.0000e-04, 5.0000e-02])", x.ToString());
    }

    [Fact]
    public void RatioOfExactlyThousandStaysInIntegerMode()
    {
        // torch.tensor([1., 1000.])
        var x = Torch.Tensor(new[] { 1.0, 1000.0 });
        Assert.Equal("tensor([   1., 1000.])", x.ToString());
    }

    [Fact]
    public void RatioAboveThousandSwitchesToScientific()
    {
        // torch.tensor([1., 1001.])
        var x = Torch.Tensor(new[] { 1.0, 1001.0 });
        Assert.Equal("tensor([1.0000e+00, 1.0010e+03])", x.ToString());
    }

    [Fact]
    public void HundredMillionWithFractionStaysFixed()
    {
        // torch.tensor([1e8, 1e6 + 0.5], dtype=torch.float64)
        var x = Torch.Tensor(new[] { 1e8, 1e6 + 0.5 }, DType.Float64);
        Assert.Equal("tensor([100000000.0000,   1000000.5000], dtype=float64)", x.ToString());
    }

    [Fact]
    public void NegativeWholeNumbersInIntegerMode()
    {
        // torch.tensor([-1., 2., -300.])
        var x = Torch.Tensor(new[] { -1.0, 2.0, -300.0 });
        Assert.Equal("tensor([  -1.,    2., -300.])", x.ToString());
    }

    [Theory]
    [InlineData(0.0, 0, "0", "0e+00")]
    [InlineData(0.0, 2, "0.00", "0.00e+00")]
    [InlineData(0.0, 4, "0.0000", "0.0000e+00")]
    [InlineData(-0.0, 0, "-0", "-0e+00")]
    [InlineData(-0.0, 2, "-0.00", "-0.00e+00")]
    [InlineData(-0.0, 4, "-0.0000", "-0.0000e+00")]
    [InlineData(0.5, 0, "0", "5e-01")]
    [InlineData(0.5, 2, "0.50", "5.00e-01")]
    [InlineData(0.5, 4, "0.5000", "5.0000e-01")]
    [InlineData(1.5, 0, "2", "2e+00")]
    [InlineData(1.5, 2, "1.50", "1.50e+00")]
    [InlineData(1.5, 4, "1.5000", "1.5000e+00")]
    [InlineData(2.5, 0, "2", "2e+00")]
    [InlineData(2.5, 2, "2.50", "2.50e+00")]
    [InlineData(2.5, 4, "2.5000", "2.5000e+00")]
    [InlineData(-2.5, 0, "-2", "-2e+00")]
    [InlineData(-2.5, 2, "-2.50", "-2.50e+00")]
    [InlineData(-2.5, 4, "-2.5000", "-2.5000e+00")]
    [InlineData(0.125, 0, "0", "1e-01")]
    [InlineData(0.125, 2, "0.12", "1.25e-01")]
    [InlineData(0.125, 4, "0.1250", "1.2500e-01")]
    [InlineData(0.03125, 0, "0", "3e-02")]
    [InlineData(0.03125, 2, "0.03", "3.12e-02")]
    [InlineData(0.03125, 4, "0.0312", "3.1250e-02")]
    [InlineData(2.675, 0, "3", "3e+00")]
    [InlineData(2.675, 2, "2.67", "2.67e+00")]
    [InlineData(2.675, 4, "2.6750", "2.6750e+00")]
    [InlineData(1e-05, 0, "0", "1e-05")]
    [InlineData(1e-05, 2, "0.00", "1.00e-05")]
    [InlineData(1e-05, 4, "0.0000", "1.0000e-05")]
    [InlineData(123456789.0, 0, "123456789", "1e+08")]
    [InlineData(123456789.0, 2, "123456789.00", "1.23e+08")]
    [InlineData(123456789.0, 4, "123456789.0000", "1.2346e+08")]
    [InlineData(10000000000.0, 0, "10000000000", "1e+10")]
    [InlineData(10000000000.0, 2, "10000000000.00", "1.00e+10")]
    [InlineData(10000000000.0, 4, "10000000000.0000", "1.0000e+10")]
    [InlineData(9.99995, 0, "10", "1e+01")]
    [InlineData(9.99995, 2, "10.00", "1.00e+01")]
    [InlineData(9.99995, 4, "10.0000", "1.0000e+01")]
    [InlineData(9.99996e-05, 0, "0", "1e-04")]
    [InlineData(9.99996e-05, 2, "0.00", "1.00e-04")]
    [InlineData(9.99996e-05, 4, "0.0001", "1.0000e-04")]
    [InlineData(0.1, 0, "0", "1e-01")]
    [InlineData(0.1, 2, "0.10", "1.00e-01")]
    [InlineData(0.1, 4, "0.1000", "1.0000e-01")]
    [InlineData(0.3333333333333333, 0, "0", "3e-01")]
    [InlineData(0.3333333333333333, 2, "0.33", "3.33e-01")]
    [InlineData(0.3333333333333333, 4, "0.3333", "3.3333e-01")]
    [InlineData(-0.6666666666666666, 0, "-1", "-7e-01")]
    [InlineData(-0.6666666666666666, 2, "-0.67", "-6.67e-01")]
    [InlineData(-0.6666666666666666, 4, "-0.6667", "-6.6667e-01")]
    [InlineData(5e-324, 0, "0", "5e-324")]
    [InlineData(5e-324, 2, "0.00", "4.94e-324")]
    [InlineData(5e-324, 4, "0.0000", "4.9407e-324")]
    [InlineData(2.2250738585072014e-308, 0, "0", "2e-308")]
    [InlineData(2.2250738585072014e-308, 2, "0.00", "2.23e-308")]
    [InlineData(2.2250738585072014e-308, 4, "0.0000", "2.2251e-308")]
    [InlineData(1.7976931348623157e+308, 0, "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368", "2e+308")]
    [InlineData(1.7976931348623157e+308, 2, "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.00", "1.80e+308")]
    [InlineData(1.7976931348623157e+308, 4, "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.0000", "1.7977e+308")]
    [InlineData(1e+22, 0, "10000000000000000000000", "1e+22")]
    [InlineData(1e+22, 2, "10000000000000000000000.00", "1.00e+22")]
    [InlineData(1e+22, 4, "10000000000000000000000.0000", "1.0000e+22")]
    [InlineData(1e+23, 0, "99999999999999991611392", "1e+23")]
    [InlineData(1e+23, 2, "99999999999999991611392.00", "1.00e+23")]
    [InlineData(1e+23, 4, "99999999999999991611392.0000", "1.0000e+23")]
    [InlineData(0.30000000000000004, 0, "0", "3e-01")]
    [InlineData(0.30000000000000004, 2, "0.30", "3.00e-01")]
    [InlineData(0.30000000000000004, 4, "0.3000", "3.0000e-01")]
    [InlineData(999.99995, 0, "1000", "1e+03")]
    [InlineData(999.99995, 2, "1000.00", "1.00e+03")]
    [InlineData(999.99995, 4, "1000.0000", "1.0000e+03")]
    [InlineData(99999.5, 0, "100000", "1e+05")]
    [InlineData(99999.5, 2, "99999.50", "1.00e+05")]
    [InlineData(99999.5, 4, "99999.5000", "1.0000e+05")]
    [InlineData(1.00005, 0, "1", "1e+00")]
    [InlineData(1.00005, 2, "1.00", "1.00e+00")]
    [InlineData(1.00005, 4, "1.0001", "1.0001e+00")]
    [InlineData(1.1685051774599754e-11, 0, "0", "1e-11")]
    [InlineData(1.1685051774599754e-11, 2, "0.00", "1.17e-11")]
    [InlineData(1.1685051774599754e-11, 4, "0.0000", "1.1685e-11")]
    [InlineData(-6.715634814879851e-11, 0, "-0", "-7e-11")]
    [InlineData(-6.715634814879851e-11, 2, "-0.00", "-6.72e-11")]
    [InlineData(-6.715634814879851e-11, 4, "-0.0000", "-6.7156e-11")]
    [InlineData(-7.664809327917963e-06, 0, "-0", "-8e-06")]
    [InlineData(-7.664809327917963e-06, 2, "-0.00", "-7.66e-06")]
    [InlineData(-7.664809327917963e-06, 4, "-0.0000", "-7.6648e-06")]
    [InlineData(-3.0814021726609965e-14, 0, "-0", "-3e-14")]
    [InlineData(-3.0814021726609965e-14, 2, "-0.00", "-3.08e-14")]
    [InlineData(-3.0814021726609965e-14, 4, "-0.0000", "-3.0814e-14")]
    [InlineData(648.3160303777565, 0, "648", "6e+02")]
    [InlineData(648.3160303777565, 2, "648.32", "6.48e+02")]
    [InlineData(648.3160303777565, 4, "648.3160", "6.4832e+02")]
    [InlineData(1.4855463870828755e-08, 0, "0", "1e-08")]
    [InlineData(1.4855463870828755e-08, 2, "0.00", "1.49e-08")]
    [InlineData(1.4855463870828755e-08, 4, "0.0000", "1.4855e-08")]
    [InlineData(-8453.485221759884, 0, "-8453", "-8e+03")]
    [InlineData(-8453.485221759884, 2, "-8453.49", "-8.45e+03")]
    [InlineData(-8453.485221759884, 4, "-8453.4852", "-8.4535e+03")]
    [InlineData(8.804704246290144e-06, 0, "0", "9e-06")]
    [InlineData(8.804704246290144e-06, 2, "0.00", "8.80e-06")]
    [InlineData(8.804704246290144e-06, 4, "0.0000", "8.8047e-06")]
    [InlineData(-66.72555472037806, 0, "-67", "-7e+01")]
    [InlineData(-66.72555472037806, 2, "-66.73", "-6.67e+01")]
    [InlineData(-66.72555472037806, 4, "-66.7256", "-6.6726e+01")]
    [InlineData(-6.014634495610515e-11, 0, "-0", "-6e-11")]
    [InlineData(-6.014634495610515e-11, 2, "-0.00", "-6.01e-11")]
    [InlineData(-6.014634495610515e-11, 4, "-0.0000", "-6.0146e-11")]
    [InlineData(-26958.550381944824, 0, "-26959", "-3e+04")]
    [InlineData(-26958.550381944824, 2, "-26958.55", "-2.70e+04")]
    [InlineData(-26958.550381944824, 4, "-26958.5504", "-2.6959e+04")]
    [InlineData(-644.6342341782827, 0, "-645", "-6e+02")]
    [InlineData(-644.6342341782827, 2, "-644.63", "-6.45e+02")]
    [InlineData(-644.6342341782827, 4, "-644.6342", "-6.4463e+02")]
    [InlineData(26645424.40261849, 0, "26645424", "3e+07")]
    [InlineData(26645424.40261849, 2, "26645424.40", "2.66e+07")]
    [InlineData(26645424.40261849, 4, "26645424.4026", "2.6645e+07")]
    [InlineData(-4533.880194764935, 0, "-4534", "-5e+03")]
    [InlineData(-4533.880194764935, 2, "-4533.88", "-4.53e+03")]
    [InlineData(-4533.880194764935, 4, "-4533.8802", "-4.5339e+03")]
    public void DoubleFormatsLikePythonFormatSpec(double value, int precision, string fixedText, string scientificText)
    {
        // Expected strings: Python's format(value, '.{precision}f') and format(value, '.{precision}e').
        Assert.Equal(fixedText, PythonFloatFormat.Fixed(value, precision));
        Assert.Equal(scientificText, PythonFloatFormat.Scientific(value, precision));
    }
}
