using StaticNet.NN;

namespace StaticNet.Tests.Tensors;

/// <summary>Seed lines that must compile and behave as written in C#.</summary>
public class SeedLineFormsTests
{
    [Fact]
    public void ItemWorksOnBoolTensors()
    {
        // (x == y).all().item() in PyTorch gives a Python bool.
        Assert.True(Torch.Tensor(new[] { 1f, 2f }).Eq(Torch.Tensor(new[] { 1f, 2f })).All().Item<bool>());
        Assert.False(Torch.Tensor(new[] { 1f }).Gt(Torch.Tensor(new[] { 2f })).Item<bool>());
        Assert.True(Torch.Tensor(new[] { 0.5f }).Item<bool>());
        Assert.Equal(2.5f, Torch.Tensor(new[] { 2.5f }).Item<float>());
        Assert.Equal(3L, Torch.Tensor(new[] { 3.9 }).Item<long>());
    }

    [Fact]
    public void ManualSeedTakesAnInt()
    {
        int seed = 0;
        Torch.ManualSeed(seed);
        var a = Torch.Rand(3).ToArray<float>();
        Torch.ManualSeed(0UL);
        Assert.Equal(Torch.Rand(3).ToArray<float>(), a);
        Torch.ManualSeed(-1);
        Assert.Equal(ulong.MaxValue, Torch.InitialSeed()); // torch.manual_seed(-1).initial_seed() == 2**64 - 1
    }

    [Fact]
    public void SizeTakesRangesAndReturnsASize()
    {
        // def num_flat_features(self, x): size = x.size()[1:]; num_features = 1; for s in size: num_features *= s
        var x = Torch.Zeros(4, 16, 5, 5);
        Size size = x.Size()[1..];
        long numFeatures = 1;
        foreach (var s in size) numFeatures *= s;
        Assert.Equal(400, numFeatures);
        Assert.Equal("[16, 5, 5]", size.ToString());
        Assert.Equal(new Size(4, 16), x.Size()[..^2]);
    }

    [Fact]
    public void SqueezeAndUnsqueezeHaveStaticForms()
    {
        var x = Torch.Zeros(2, 1, 3);
        Assert.Equal(new Size(2, 3), Torch.Squeeze(x, 1).Size());
        Assert.Equal(new Size(2, 3), Torch.Squeeze(x).Size());
        Assert.Equal(new Size(1, 2, 1, 3), Torch.Unsqueeze(x, 0).Size());
    }

    [Fact]
    public void TypeConvertsTheDType()
    {
        var x = Torch.Tensor(new[] { 1.7f, -2.2f });
        Assert.Equal(DType.Float64, x.Type(DType.Float64).DType);
        Assert.Equal([1L, -2L], x.Type(DType.Int64).ToArray<long>());
    }

    [Fact]
    public void ManualSgdThroughDataUpdatesTheParameterWithoutRecording()
    {
        // learning_rate = 0.01; for f in net.parameters(): f.data.sub_(f.grad.data * learning_rate)
        var net = new Linear(3, 2);
        F.MseLoss(net.Forward(Torch.Ones(4, 3)), Torch.Zeros(4, 2)).Backward();
        var before = net.Weight.Detach().Clone();
        var grad = net.Weight.Grad!.Clone();
        double learningRate = 0.01;
        foreach (var f in net.Parameters()) f.Data.Sub_(f.Grad!.Data * learningRate);
        var expected = (before - grad * learningRate).ToArray<float>();
        Assert.Equal(expected, net.Weight.ToArray<float>());
        Assert.True(net.Weight.RequiresGrad);
        Assert.True(net.Weight.IsLeaf);
        Assert.False(net.Weight.Data.RequiresGrad);
    }

    [Fact]
    public void ModuleToADeviceKeepsTheModelsOwnType()
    {
        // net = MyNeuralNet().to(device); net.fc1 ... : the result is still a MyNeuralNet (this would not compile otherwise).
        Device device = Device.Cpu;
        var net = new MyNeuralNet().To(device);
        Assert.Equal(new Size(5, 3), net.Fc1.Weight.Size());
        MyNeuralNet byName = new MyNeuralNet().To("cpu");
        Assert.Equal(new Size(5), byName.Fc1.Bias!.Size());
        var model = new MyNeuralNet();
        Assert.Same(model, model.To(device));
    }

    private sealed class MyNeuralNet : Module
    {
        public MyNeuralNet() => Fc1 = Register("fc1", new Linear(3, 5));

        public Linear Fc1 { get; }

        public override Tensor Forward(Tensor x) => Fc1.Forward(x);
    }
}
