namespace StaticNet.Tests.Tensors;

public class DeviceTests
{
    [Fact]
    public void DevicesParseAndPrintAsPyTorch()
    {
        Assert.Equal(Device.Cpu, Device.Parse("cpu"));
        Assert.Equal("cuda:0", Device.Parse("cuda").ToString());
        Assert.Equal("cuda:1", Device.Parse("cuda:1").ToString());
        Assert.Equal(DeviceType.IlgpuCpu, Device.Parse("ilgpu-cpu").Type);
        var e = Assert.Throws<ArgumentException>(() => Device.Parse("tpu"));
        Assert.Contains("Unknown device 'tpu'", e.Message);
    }

    [Fact]
    public void TensorsLiveOnTheCpuAndMovingThereIsFree()
    {
        var x = Torch.Rand(2, 3);
        Assert.Equal(Device.Cpu, x.Device);
        Assert.Same(x, x.To(Device.Cpu));
        Assert.Same(x, x.To("cpu"));
        Assert.Same(x, x.Cpu());
        Assert.Equal(DType.Float64, x.To(Device.Cpu, DType.Float64).DType);
    }

    // GPU devices (ilgpu-cpu, cuda) are tested in tests/StaticNet.Gpu.Tests, in a process of their own.
}
