namespace StaticNet.Tests.Tensors;

/// <summary>PyTorch's type promotion, with the tables printed by PyTorch 1.13 itself (tensor ⊕ tensor, ⊕ 0-dim tensor, ⊕ C# scalar).</summary>
public class TypePromotionTests
{
    // a (1-D), b (1-D), dtype of a + b, dtype of a / b, dtype of a + (0-dim tensor of b's dtype)
    public static TheoryData<DType, DType, DType, DType, DType> Pairs => new()
    {
        { DType.Bool, DType.Bool, DType.Bool, DType.Float32, DType.Bool},
        { DType.Bool, DType.UInt8, DType.UInt8, DType.Float32, DType.UInt8},
        { DType.Bool, DType.Int32, DType.Int32, DType.Float32, DType.Int32},
        { DType.Bool, DType.Int64, DType.Int64, DType.Float32, DType.Int64},
        { DType.Bool, DType.Float32, DType.Float32, DType.Float32, DType.Float32},
        { DType.Bool, DType.Float64, DType.Float64, DType.Float64, DType.Float64},
        { DType.UInt8, DType.Bool, DType.UInt8, DType.Float32, DType.UInt8},
        { DType.UInt8, DType.UInt8, DType.UInt8, DType.Float32, DType.UInt8},
        { DType.UInt8, DType.Int32, DType.Int32, DType.Float32, DType.UInt8},
        { DType.UInt8, DType.Int64, DType.Int64, DType.Float32, DType.UInt8},
        { DType.UInt8, DType.Float32, DType.Float32, DType.Float32, DType.Float32},
        { DType.UInt8, DType.Float64, DType.Float64, DType.Float64, DType.Float64},
        { DType.Int32, DType.Bool, DType.Int32, DType.Float32, DType.Int32},
        { DType.Int32, DType.UInt8, DType.Int32, DType.Float32, DType.Int32},
        { DType.Int32, DType.Int32, DType.Int32, DType.Float32, DType.Int32},
        { DType.Int32, DType.Int64, DType.Int64, DType.Float32, DType.Int32},
        { DType.Int32, DType.Float32, DType.Float32, DType.Float32, DType.Float32},
        { DType.Int32, DType.Float64, DType.Float64, DType.Float64, DType.Float64},
        { DType.Int64, DType.Bool, DType.Int64, DType.Float32, DType.Int64},
        { DType.Int64, DType.UInt8, DType.Int64, DType.Float32, DType.Int64},
        { DType.Int64, DType.Int32, DType.Int64, DType.Float32, DType.Int64},
        { DType.Int64, DType.Int64, DType.Int64, DType.Float32, DType.Int64},
        { DType.Int64, DType.Float32, DType.Float32, DType.Float32, DType.Float32},
        { DType.Int64, DType.Float64, DType.Float64, DType.Float64, DType.Float64},
        { DType.Float32, DType.Bool, DType.Float32, DType.Float32, DType.Float32},
        { DType.Float32, DType.UInt8, DType.Float32, DType.Float32, DType.Float32},
        { DType.Float32, DType.Int32, DType.Float32, DType.Float32, DType.Float32},
        { DType.Float32, DType.Int64, DType.Float32, DType.Float32, DType.Float32},
        { DType.Float32, DType.Float32, DType.Float32, DType.Float32, DType.Float32},
        { DType.Float32, DType.Float64, DType.Float64, DType.Float64, DType.Float32},
        { DType.Float64, DType.Bool, DType.Float64, DType.Float64, DType.Float64},
        { DType.Float64, DType.UInt8, DType.Float64, DType.Float64, DType.Float64},
        { DType.Float64, DType.Int32, DType.Float64, DType.Float64, DType.Float64},
        { DType.Float64, DType.Int64, DType.Float64, DType.Float64, DType.Float64},
        { DType.Float64, DType.Float32, DType.Float64, DType.Float64, DType.Float64},
        { DType.Float64, DType.Float64, DType.Float64, DType.Float64, DType.Float64},
    };

    // tensor dtype, dtype of t * 2, of t * 2.5, of t + true
    public static TheoryData<DType, DType, DType, DType> Scalars => new()
    {
        { DType.Bool, DType.Int64, DType.Float32, DType.Bool},
        { DType.UInt8, DType.UInt8, DType.Float32, DType.UInt8},
        { DType.Int32, DType.Int32, DType.Float32, DType.Int32},
        { DType.Int64, DType.Int64, DType.Float32, DType.Int64},
        { DType.Float32, DType.Float32, DType.Float32, DType.Float32},
        { DType.Float64, DType.Float64, DType.Float64, DType.Float64},
    };

    [Theory, MemberData(nameof(Pairs))]
    public void BinaryOpsPromoteLikePyTorch(DType a, DType b, DType sum, DType quotient, DType withZeroDim)
    {
        var x = Torch.Ones([2], a);
        var y = Torch.Ones([2], b);
        Assert.Equal(sum, (x + y).DType);
        Assert.Equal(quotient, (x / y).DType);
        Assert.Equal(withZeroDim, (x + Torch.Ones([], b)).DType);
        Assert.Equal(sum, TypePromotion.Promote(a, b));
    }

    [Theory, MemberData(nameof(Scalars))]
    public void ScalarOperandsAreWrappedNumbers(DType a, DType timesInt, DType timesDouble, DType plusBool)
    {
        var x = Torch.Ones([2], a);
        Assert.Equal(timesInt, (x * 2).DType);
        Assert.Equal(timesDouble, (x * 2.5).DType);
        Assert.Equal(plusBool, (x + true).DType);
    }

    [Fact]
    public void ComparisonsGiveBool()
    {
        var x = Torch.Arange(4);
        Assert.Equal(DType.Bool, (x > 1).DType);
        Assert.Equal(DType.Bool, (x == Torch.Arange(4).Double()).DType);
        Assert.Equal(new[] { false, false, true, true }, (x > 1.5).ToArray<bool>());
    }

    [Fact]
    public void TrueDivisionOfIntegersIsFloat32()
    {
        var q = Torch.Arange(1, 4) / 2;
        Assert.Equal(DType.Float32, q.DType);
        Assert.Equal(new[] { 0.5f, 1f, 1.5f }, q.ToArray<float>());
    }

    [Fact]
    public void Int64TensorTimesDoubleIsFloat32()
    {
        var r = Torch.Arange(3) * 2.5;
        Assert.Equal(DType.Float32, r.DType);
        Assert.Equal(new[] { 0f, 2.5f, 5f }, r.ToArray<float>());
    }

    [Fact]
    public void UInt8PlusLargeIntStaysUInt8AndWraps()
    {
        var r = Torch.Full([2], 250L, DType.UInt8) + 10;
        Assert.Equal(DType.UInt8, r.DType);
        Assert.Equal(new byte[] { 4, 4 }, r.ToArray<byte>());
    }

    [Fact]
    public void InPlaceOpRejectsAResultItsDtypeCannotHold()
    {
        var x = Torch.Arange(3);
        var e = Assert.Throws<ArgumentException>(() => x.Add_(Torch.Ones(3)));
        Assert.Contains("result type float32 can't be cast to the desired output type int64", e.Message);
        var f = Torch.Zeros(3);
        f.Add_(Torch.Arange(3));
        Assert.Equal(new[] { 0f, 1f, 2f }, f.ToArray<float>());
    }

    [Fact]
    public void SubtractingBoolTensorsIsAnError()
    {
        var b = Torch.Tensor(new[] { true, false });
        var e = Assert.Throws<ArgumentException>(() => b - b);
        Assert.Contains("bool tensors is not supported", e.Message);
        Assert.Equal(new[] { true, false }, (b + b).ToArray<bool>());
        Assert.Equal(new[] { true, false }, (b * b).ToArray<bool>());
    }
}
