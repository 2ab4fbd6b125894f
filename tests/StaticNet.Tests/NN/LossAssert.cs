namespace StaticNet.Tests.NN;

/// <summary>Comparisons of float results with reference values from PyTorch 1.13 (|a − e| ≤ atol + rtol·|e|).</summary>
internal static class LossAssert
{
    public static void Close(float[] expected, Tensor actual, float atol = 1e-5f, float rtol = 1e-5f)
    {
        var values = actual.Contiguous().ToArray<float>();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(values[i] - expected[i]) <= atol + rtol * Math.Abs(expected[i]),
                $"element {i}: expected {expected[i]:R}, got {values[i]:R} (all: [{string.Join(", ", values)}])");
    }

    /// <summary>Runs <paramref name="f"/> on a fresh copy of <paramref name="x"/> that requires grad; checks the value,
    /// the grad_fn name, and the gradient of the sum of the output with respect to x.</summary>
    public static void ValueAndGradient(Func<Tensor, Tensor> f, Tensor x, string node, float[] value, float[] grad, float atol = 1e-5f)
    {
        var input = x.Detach().Clone().RequiresGrad_();
        var output = f(input);
        Assert.Equal(node, output.GradFn?.Name);
        Close(value, output, atol);
        output.Sum().Backward();
        Close(grad, input.Grad!, atol);
    }
}
