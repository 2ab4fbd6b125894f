using StaticNet.NN;

namespace StaticNet.Tests.NN;

/// <summary><c>Module.To(DType)</c> / <c>Double()</c> / <c>Float()</c>: PyTorch's <c>model.to(torch.float64)</c>, in place.</summary>
[Collection(StaticNet.Tests.RandomGeneration.RandomCollection.Name)] // seeds the default generator
public class ModuleToDTypeTests
{
    [Fact]
    public void ToFloat64ConvertsParametersInPlaceKeepingIdentityValuesAndRequiresGrad()
    {
        Torch.ManualSeed(0);
        var model = new Sequential(new Linear(2, 3), new ReLU(), new Linear(3, 1));
        var before = model.Parameters().ToList();
        var values = before.Select(p => p.ToArray<float>()).ToList();
        Assert.Same(model, model.To(DType.Float64));
        var after = model.Parameters().ToList();
        for (int i = 0; i < before.Count; i++)
        {
            Assert.Same(before[i], after[i]);
            Assert.Equal(DType.Float64, after[i].DType);
            Assert.True(after[i].RequiresGrad);
            Assert.Equal(values[i].Select(v => (double)v).ToArray(), after[i].ToArray<double>());
        }
        var y = model.Forward(Torch.Tensor(new float[,] { { 1, -2 } }).Double());
        Assert.Equal(DType.Float64, y.DType);
    }

    [Fact]
    public void DoubleConvertsGradientsAndFloatingBuffersButNotIntegerBuffers()
    {
        var norm = new BatchNorm2d(3);
        norm.Weight!.Grad = Torch.Ones(3);
        norm.Double();
        Assert.Equal(DType.Float64, norm.Weight.Grad!.DType);
        var buffers = norm.NamedBuffers().ToDictionary(b => b.Name, b => b.Buffer);
        Assert.Equal(DType.Float64, buffers["running_mean"].DType);
        Assert.Equal(DType.Float64, buffers["running_var"].DType);
        Assert.Equal(DType.Int64, buffers["num_batches_tracked"].DType);
        norm.Float();
        Assert.Equal(DType.Float32, norm.Weight.DType);
        Assert.Equal(DType.Float32, buffers["running_mean"].DType);
    }

    [Fact]
    public void ToAnIntegerDTypeFailsAsInPyTorch()
    {
        var e = Assert.Throws<ArgumentException>(() => new Linear(2, 2).To(DType.Int64));
        Assert.StartsWith("nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=int64", e.Message);
    }
}
