namespace StaticNet.Tests.Tensors;

public class MetadataTests
{
    [Fact]
    public void SizeShapeDimAndNumelDescribeTheTensor()
    {
        var x = Torch.Zeros(5, 3);
        Assert.Equal("[5, 3]", x.Size().ToString());
        Assert.Equal("[5, 3]", x.Shape.ToString());
        Assert.Equal(x.Size(), x.Shape);
        Assert.Equal(2, x.Dim);
        Assert.Equal(15, x.Numel);
        Assert.Equal(3, x.Size(-1));
        Assert.Equal(5, x.Shape[0]);
        Assert.Equal(new long[] { 3, 1 }, x.Stride());
        Assert.Equal(DType.Float32, x.DType);
        Assert.Equal("[]", Torch.Tensor(1L).Shape.ToString());
        Assert.Equal(1, Torch.Tensor(1L).Numel);
    }

    [Fact]
    public void SizesCompareByValue()
    {
        Assert.Equal(new Size(2, 3), Torch.Ones(2, 3).Shape);
        Assert.True(new Size(2, 3) == Torch.Ones(2, 3).Shape);
        Assert.True(new Size(2, 3) != new Size(3, 2));
        Assert.Equal(6, new Size(2, 3).Numel());
        long[] dims = new Size(4, 5);
        Assert.Equal(new long[] { 4, 5 }, dims);
    }

    [Fact]
    public void DTypesKnowTheirNamesAndSizes()
    {
        Assert.Equal("Int64", DType.Int64.ToString());
        Assert.Equal("float64", DType.Float64.PyTorchName());
        Assert.Equal(4, DType.Float32.ElementSize());
        Assert.Equal(1, DType.Bool.ElementSize());
        Assert.True(DType.Float32.IsFloatingPoint());
        Assert.False(DType.Int32.IsFloatingPoint());
        Assert.Equal(DType.Float64, DTypeExtensions.Of<double>());
        Assert.Equal(typeof(byte), DType.UInt8.ElementType());
    }

    [Fact]
    public void ReferenceIdentityIsNotElementEquality()
    {
        var a = Torch.Ones(2);
        var b = Torch.Ones(2);
        Assert.True(ReferenceEquals(a, a));
        Assert.False(a.Equals(b));
        Assert.True((a == b).All().ItemBool());
    }
}
