using StaticNet.NN;
using Xunit.Abstractions;
using static StaticNet.Gpu.Tests.Parity;

namespace StaticNet.Gpu.Tests;

/// <summary>
/// Kernels compile on their first launch and are cached: a second conv2d with the same dtype (another shape) reuses
/// them. The times are written to the test output (run this test alone for a cold process: other tests may have
/// compiled the kernels already, which the test then reports).
/// </summary>
public class FirstLaunchTests(ITestOutputHelper output)
{
    [Fact]
    public void Second_conv2d_reuses_the_compiled_kernels()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = F.Conv2d(Random(DType.Float32, 1, 2, 5, 5).To(UnderTest), Random(DType.Float32, 3, 2, 3, 3).To(UnderTest), padding: 1).Cpu();
        var firstTime = clock.Elapsed;
        clock.Restart();
        var x = Random(DType.Float32, 2, 2, 6, 4);
        var w = Random(DType.Float32, 3, 2, 2, 2);
        var second = F.Conv2d(x.To(UnderTest), w.To(UnderTest), stride: 2).Cpu();
        var secondTime = clock.Elapsed;
        output.WriteLine($"conv2d on ilgpu-cpu: first call {firstTime.TotalMilliseconds:F0} ms, second call {secondTime.TotalMilliseconds:F0} ms");
        Assert.Equal([1L, 3, 5, 5], first.ShapeArray);
        AssertClose(F.Conv2d(x, w, stride: 2), second, 1e-5);
    }
}
