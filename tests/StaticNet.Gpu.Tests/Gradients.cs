namespace StaticNet.Gpu.Tests;

/// <summary>Forward and backward of one function on the CPU and on ilgpu-cpu, compared output by output.</summary>
internal static class Gradients
{
    /// <summary>
    /// Runs f on leaf copies of <paramref name="inputs"/> on each device, backpropagates a fixed random output
    /// gradient (so no gradient is a plain sum) and compares the outputs and every input's gradient.
    /// </summary>
    public static void Check(Func<Tensor[], Tensor> f, double tolerance, params Tensor[] inputs)
    {
        var (cpuOut, cpuGrads) = Run(f, Device.Cpu, inputs);
        var (gpuOut, gpuGrads) = Run(f, Parity.UnderTest, inputs);
        Parity.AssertClose(cpuOut, gpuOut, tolerance);
        for (int i = 0; i < inputs.Length; i++)
        {
            if (cpuGrads[i] is null) { Assert.Null(gpuGrads[i]); continue; }
            Assert.NotNull(gpuGrads[i]);
            Parity.AssertClose(cpuGrads[i]!, gpuGrads[i]!, tolerance);
        }
    }

    private static (Tensor Output, Tensor?[] Grads) Run(Func<Tensor[], Tensor> f, Device device, Tensor[] inputs)
    {
        var leaves = inputs.Select(t => t.To(device).Detach().RequiresGrad_(t.DType.IsFloatingPoint())).ToArray();
        var output = f(leaves);
        Assert.Equal(device, output.Device);
        var weights = Torch.Randn(output.ShapeArray, dtype: output.DType, generator: new Generator(5)).To(device);
        (output * weights).Sum().Backward();
        return (output.Cpu().Detach(), [.. leaves.Select(l => l.Grad?.Cpu())]);
    }
}
