namespace StaticNet.Tests.IO;

/// <summary>Save then load gives the same tensors back, in both formats.</summary>
public class RoundTripTests
{
    public static TheoryData<string> Formats() => [".pth", ".pt", ".safetensors"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void EveryDTypeZeroDimEmptyAndNonContiguousTensorsRoundTrip(string extension)
    {
        using var dir = new TempFolder();
        var path = dir.File("all" + extension);
        var sd = SampleTensors.Plain();
        sd["f32_extremes"] = Torch.Tensor(new[] { float.MaxValue, float.Epsilon, float.NegativeInfinity, -0f });
        sd["f64_nan"] = Torch.Tensor(new[] { double.NaN, double.MinValue });
        sd["i64_min"] = Torch.Tensor(new[] { long.MinValue, long.MaxValue });
        sd["empty_i32"] = Torch.Zeros([2, 0], DType.Int32);
        sd["scalar_bool"] = Torch.Tensor(true);
        sd["strided"] = Torch.Arange(20, dtype: DType.Int32).Reshape(4, 5).Narrow(1, 1, 3).Transpose(0, 1);
        Torch.Save(sd, path);
        var loaded = Torch.Load(path);
        SampleTensors.AssertEqual(sd, loaded);
        Assert.Equal(path, loaded.SourcePath);
    }

    [Fact]
    public void PthKeepsViewsOfOneStorageSharedAndTheirStrides()
    {
        using var dir = new TempFolder();
        var path = dir.File("views.pth");
        var w = Torch.Arange(12, dtype: DType.Float32).Reshape(3, 4);
        Torch.Save(new StateDict { ["w"] = w, ["wt"] = w.T, ["col"] = w.Select(1, 2) }, path);
        var sd = Torch.Load(path);
        Assert.Same(sd["w"].Storage, sd["wt"].Storage);
        Assert.Same(sd["w"].Storage, sd["col"].Storage);
        Assert.Equal([1L, 4], sd["wt"].Stride());
        Assert.Equal(2, sd["col"].StorageOffset);
        Assert.Equal([2f, 6f, 10f], sd["col"].ToArray<float>());
    }

    [Fact]
    public void SafetensorsWritesViewsAsContiguousCopiesWithTheSpecsHeader()
    {
        using var dir = new TempFolder();
        var path = dir.File("views.safetensors");
        var w = Torch.Arange(6, dtype: DType.Float64).Reshape(2, 3);
        Torch.Save(new StateDict { ["flag"] = Torch.Tensor(new[] { true }), ["wt"] = w.T }, path);
        var bytes = File.ReadAllBytes(path);
        long n = BitConverter.ToInt64(bytes, 0);
        var header = System.Text.Encoding.UTF8.GetString(bytes, 8, (int)n);
        Assert.Equal(0, (8 + n) % 8);
        // Header in state-dict order; data laid out largest element size first, as the reference implementation does.
        Assert.Equal("""{"__metadata__":{"format":"pt"},"flag":{"dtype":"BOOL","shape":[1],"data_offsets":[48,49]},"wt":{"dtype":"F64","shape":[3,2],"data_offsets":[0,48]}}""",
            header.TrimEnd(' '));
        var data = bytes.AsSpan((int)(8 + n));
        Assert.Equal([0.0, 3, 1, 4, 2, 5], System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(data[..48]).ToArray());
        Assert.Equal(1, data[48]);
        Assert.Equal(["flag", "wt"], Torch.Load(path).Keys);
    }

    [Fact]
    public void AHandMadeSafetensorsFileLoadsWithF16AndBF16WidenedToFloat32()
    {
        var sd = Torch.Load(TestData.File("handmade.safetensors"));
        Assert.Equal(["f32", "i64", "f16", "bf16", "mask", "u8"], sd.Keys);
        SampleTensors.AssertEqual(Torch.Tensor(new[,] { { 1f, -2f }, { 0.5f, 3.25f } }), sd["f32"]);
        SampleTensors.AssertEqual(Torch.Tensor(new[] { -5L, 0, 1L << 33 }), sd["i64"]);
        SampleTensors.AssertEqual(Torch.Tensor(new[] { 1.5f, -0.0009765625f }), sd["f16"]);
        SampleTensors.AssertEqual(Torch.Tensor(new[] { 1.5f, -3f }), sd["bf16"]); // 0x3FC0, 0xC040
        SampleTensors.AssertEqual(Torch.Tensor(new[] { true, false }), sd["mask"]);
        SampleTensors.AssertEqual(Torch.Tensor(200, DType.UInt8), sd["u8"]);
    }

    [Theory]
    [InlineData("model.bin")]
    [InlineData("model")]
    public void AnUnknownExtensionIsRejectedNamingTheFormats(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Save(new StateDict(), name));
        Assert.Contains("expected .safetensors, .pth or .pt", e.Message);
    }
}
