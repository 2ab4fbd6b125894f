using StaticNet.NN;
using StaticNet.Optim;

namespace StaticNet.Tests.NN;

/// <summary>The seeds' networks, written as eager modules: printing, shapes and training end to end.</summary>
[Collection(StaticNet.Tests.RandomGeneration.RandomCollection.Name)] // seeds the default generator
public class SeedNetworkTests
{
    /// <summary>Seed 000's quickstart network.</summary>
    private sealed class NeuralNetwork : Module
    {
        private readonly Flatten _flatten;
        private readonly Sequential _stack;

        public NeuralNetwork()
        {
            _flatten = Register("flatten", new Flatten());
            _stack = Register("linear_relu_stack", new Sequential(
                new Linear(28 * 28, 512), new ReLU(),
                new Linear(512, 256), new ReLU(),
                new Linear(256, 10), new Dropout(0.2)));
        }

        public override Tensor Forward(Tensor x) => _stack.Forward(_flatten.Forward(x));
    }

    /// <summary>Seed 002's LeNet with 3×3 kernels (576 features).</summary>
    private sealed class Net : Module
    {
        private readonly Conv2d _conv1, _conv2;
        private readonly Linear _fc1, _fc2, _fc3;

        public Net()
        {
            _conv1 = Register("conv1", new Conv2d(1, 6, 3));
            _conv2 = Register("conv2", new Conv2d(6, 16, 3));
            _fc1 = Register("fc1", new Linear(16 * 6 * 6, 120));
            _fc2 = Register("fc2", new Linear(120, 84));
            _fc3 = Register("fc3", new Linear(84, 10));
        }

        public override Tensor Forward(Tensor x)
        {
            x = F.MaxPool2d(F.Relu(_conv1.Forward(x)), 2);
            x = F.MaxPool2d(F.Relu(_conv2.Forward(x)), 2);
            x = x.View(-1, 16 * 6 * 6);
            x = F.Relu(_fc1.Forward(x));
            x = F.Relu(_fc2.Forward(x));
            return _fc3.Forward(x);
        }
    }

    [Fact]
    public void Seed000NetworkPrintsVerbatim()
    {
        Assert.Equal(
            "NeuralNetwork(\n" +
            "  (flatten): Flatten(start_dim=1, end_dim=-1)\n" +
            "  (linear_relu_stack): Sequential(\n" +
            "    (0): Linear(in_features=784, out_features=512, bias=True)\n" +
            "    (1): ReLU()\n" +
            "    (2): Linear(in_features=512, out_features=256, bias=True)\n" +
            "    (3): ReLU()\n" +
            "    (4): Linear(in_features=256, out_features=10, bias=True)\n" +
            "    (5): Dropout(p=0.2, inplace=False)\n" +
            "  )\n" +
            ")", new NeuralNetwork().ToString());
    }

    [Fact]
    public void Seed000NetworkMapsFourImagesToTenLogits()
    {
        var model = new NeuralNetwork();
        Assert.Equal(new Size(4, 10), model.Forward(Torch.Rand(4, 28, 28)).Shape);
        Assert.Equal("linear_relu_stack.0.weight", model.NamedParameters().First().Name);
        Assert.Equal(784 * 512 + 512 + 512 * 256 + 256 + 256 * 10 + 10, model.Parameters().Sum(p => p.Numel));
    }

    [Fact]
    public void Seed002NetPrintsVerbatimAndRuns()
    {
        var net = new Net();
        Assert.Equal(
            "Net(\n" +
            "  (conv1): Conv2d(1, 6, kernel_size=(3, 3), stride=(1, 1))\n" +
            "  (conv2): Conv2d(6, 16, kernel_size=(3, 3), stride=(1, 1))\n" +
            "  (fc1): Linear(in_features=576, out_features=120, bias=True)\n" +
            "  (fc2): Linear(in_features=120, out_features=84, bias=True)\n" +
            "  (fc3): Linear(in_features=84, out_features=10, bias=True)\n" +
            ")", net.ToString());
        var output = net.Forward(Torch.Randn(1, 1, 32, 32));
        Assert.Equal(new Size(1, 10), output.Shape);
        Assert.Equal("AddmmBackward0", output.GradFn!.Name);
        Assert.Equal(new Size(6, 1, 3, 3), net.Parameters().First().Shape);
        var loss = new MSELoss().Forward(output, Torch.Randn(1, 10));
        net.ZeroGrad();
        loss.Backward();
        Assert.All(net.Parameters(), p => Assert.NotNull(p.Grad));
    }

    [Fact]
    public void Seed003SequentialSummaryHas33Parameters()
    {
        var model = new Sequential(new Linear(2, 8), new ReLU(), new Linear(8, 1));
        Assert.Equal(
            "----------------------------------------------------------------\n" +
            "        Layer (type)               Output Shape         Param #\n" +
            "================================================================\n" +
            "            Linear-1                    [-1, 8]              24\n" +
            "              ReLU-2                    [-1, 8]               0\n" +
            "            Linear-3                    [-1, 1]               9\n" +
            "================================================================\n" +
            "Total params: 33\n" +
            "Trainable params: 33\n" +
            "Non-trainable params: 0\n" +
            "----------------------------------------------------------------\n" +
            "Input size (MB): 0.00\n" +
            "Forward/backward pass size (MB): 0.00\n" +
            "Params size (MB): 0.00\n" +
            "Estimated Total Size (MB): 0.00\n" +
            "----------------------------------------------------------------", model.Summary(2).Replace("\r\n", "\n"));
    }

    [Fact]
    public void Seed003RegressionConvergesAndPredictsTheSum()
    {
        // x = [[1,2],[3,4],[5,6],[7,8]], y = sum; Linear(2, 8) → ReLU → Linear(8, 1), MSE, SGD lr = 0.001.
        Torch.ManualSeed(10);
        var x = Torch.Tensor(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 }, { 5.0, 6.0 }, { 7.0, 8.0 } });
        var y = Torch.Tensor(new[,] { { 3.0 }, { 7.0 }, { 11.0 }, { 15.0 } });
        var model = new Sequential(new Linear(2, 8), new ReLU(), new Linear(8, 1));
        var lossFn = new MSELoss();
        var optimizer = new SGD(model.Parameters(), lr: 0.001);
        double loss = double.NaN;
        for (int step = 0; step < 5000; step++)
        {
            optimizer.ZeroGrad();
            var l = lossFn.Forward(model.Forward(x), y);
            l.Backward();
            optimizer.Step();
            loss = l.Item<double>();
        }
        Assert.True(loss < 0.1, $"loss after 5000 steps: {loss}");
        var prediction = model.Forward(Torch.Tensor(new[,] { { 10.0, 11.0 } })).Item<double>();
        Assert.InRange(prediction, 19.5, 22.5);
    }

    [Fact]
    public void XorMlpReachesFullAccuracy()
    {
        Torch.ManualSeed(1);
        var x = Torch.Tensor(new[,] { { 0.0, 0.0 }, { 0.0, 1.0 }, { 1.0, 0.0 }, { 1.0, 1.0 } });
        var y = Torch.Tensor(new long[] { 0, 1, 1, 0 });
        var model = new Sequential(new Linear(2, 8), new Tanh(), new Linear(8, 2));
        var optimizer = new Adam(model.Parameters(), lr: 0.05);
        var lossFn = new CrossEntropyLoss();
        for (int step = 0; step < 300; step++)
        {
            optimizer.ZeroGrad();
            lossFn.Forward(model.Forward(x), y).Backward();
            optimizer.Step();
        }
        using (Torch.NoGrad())
            Assert.Equal(new long[] { 0, 1, 1, 0 }, model.Forward(x).Argmax(1).ToArray<long>());
    }

    [Fact]
    public void CustomLossWrittenWithTensorOpsMatchesMSELoss()
    {
        // seed 003's my_mean_squared_error
        static Tensor MyMeanSquaredError(Tensor pred, Tensor target) => (pred - target).Pow(2).Mean();
        var p1 = Torch.Tensor(new[] { 1.0, 2.5, -1.0 }, requiresGrad: true);
        var p2 = Torch.Tensor(new[] { 1.0, 2.5, -1.0 }, requiresGrad: true);
        var target = Torch.Tensor(new[] { 0.5, 3.0, 1.0 });
        var custom = MyMeanSquaredError(p1, target);
        var builtIn = new MSELoss().Forward(p2, target);
        Assert.Equal(builtIn.Item<float>(), custom.Item<float>(), 6);
        custom.Backward();
        builtIn.Backward();
        Assert.Equal(p2.Grad!.ToArray<float>(), p1.Grad!.ToArray<float>());
    }
}
