namespace StaticNet.Gpu.Tests;

public class Smoke
{
    [Fact]
    public void AddsOnIlgpuCpu()
    {
        var a = Torch.Tensor(new float[] { 1, 2, 3 }).To("ilgpu-cpu");
        var b = (a + a).Cpu();
        Assert.Equal(new float[] { 2, 4, 6 }, b.ToArray<float>());
    }
}
