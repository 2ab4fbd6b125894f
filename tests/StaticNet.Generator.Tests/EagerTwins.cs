using StaticNet.NN;

namespace StaticNet.Generators.Tests;

/// <summary>The seeds' networks written by hand as eager modules, as in the PyTorch originals: the reference for the declared ones.</summary>
internal static class EagerTwins
{
    internal sealed class NeuralNetwork : Module
    {
        private readonly Flatten _flatten;
        private readonly Sequential _stack;

        public NeuralNetwork()
        {
            _flatten = Register("flatten", new Flatten());
            _stack = Register("linear_relu_stack", new Sequential(
                new Linear(28 * 28, 512), new ReLU(), new Linear(512, 256), new ReLU(), new Linear(256, 10), new Dropout(0.2)));
        }

        public override Tensor Forward(Tensor x) => _stack.Forward(_flatten.Forward(x));
    }

    internal sealed class LeNet : Module
    {
        private readonly Conv2d _conv1, _conv2;
        private readonly Linear _fc1, _fc2, _fc3;

        public LeNet()
        {
            _conv1 = Register("conv1", new Conv2d(1, 6, 3));
            _conv2 = Register("conv2", new Conv2d(6, 16, 3));
            _fc1 = Register("fc1", new Linear(16 * 6 * 6, 120));
            _fc2 = Register("fc2", new Linear(120, 84));
            _fc3 = Register("fc3", new Linear(84, 10));
        }

        // Printed and summarised under the declared model's class name.
        public override string TypeName => "LeNet";

        public override Tensor Forward(Tensor x)
        {
            x = F.MaxPool2d(F.Relu(_conv1.Forward(x)), (2, 2));
            x = F.MaxPool2d(F.Relu(_conv2.Forward(x)), 2);
            x = x.View(-1, 16 * 6 * 6);
            x = F.Relu(_fc1.Forward(x));
            x = F.Relu(_fc2.Forward(x));
            return _fc3.Forward(x);
        }
    }

    /// <summary>Seed 001's LeNet: 5×5 kernels, F.MaxPool2d(F.Relu(...)) and x.Flatten(1).</summary>
    internal sealed class LeNet5 : Module
    {
        private readonly Conv2d _conv1, _conv2;
        private readonly Linear _fc1, _fc2, _fc3;

        public LeNet5()
        {
            _conv1 = Register("conv1", new Conv2d(1, 6, 5));
            _conv2 = Register("conv2", new Conv2d(6, 16, 5));
            _fc1 = Register("fc1", new Linear(16 * 5 * 5, 120));
            _fc2 = Register("fc2", new Linear(120, 84));
            _fc3 = Register("fc3", new Linear(84, 10));
        }

        public override Tensor Forward(Tensor x)
        {
            x = F.MaxPool2d(F.Relu(_conv1.Forward(x)), (2, 2));
            x = F.MaxPool2d(F.Relu(_conv2.Forward(x)), 2);
            x = x.Flatten(1);
            x = F.Relu(_fc1.Forward(x));
            x = F.Relu(_fc2.Forward(x));
            return _fc3.Forward(x);
        }
    }

    /// <summary>Seed 002's CIFAR-10 LeNet: 3 input channels, one MaxPool2d module used twice.</summary>
    internal sealed class CifarNet : Module
    {
        private readonly Conv2d _conv1, _conv2;
        private readonly MaxPool2d _pool;
        private readonly Linear _fc1, _fc2, _fc3;

        public CifarNet()
        {
            _conv1 = Register("conv1", new Conv2d(3, 6, 5));
            _pool = Register("pool", new MaxPool2d(2));
            _conv2 = Register("conv2", new Conv2d(6, 16, 5));
            _fc1 = Register("fc1", new Linear(16 * 5 * 5, 120));
            _fc2 = Register("fc2", new Linear(120, 84));
            _fc3 = Register("fc3", new Linear(84, 10));
        }

        public override Tensor Forward(Tensor x)
        {
            x = _pool.Forward(F.Relu(_conv1.Forward(x)));
            x = _pool.Forward(F.Relu(_conv2.Forward(x)));
            x = x.View(-1, 16 * 5 * 5);
            x = F.Relu(_fc1.Forward(x));
            x = F.Relu(_fc2.Forward(x));
            return _fc3.Forward(x);
        }
    }

    internal sealed class MyNeuralNet : Module
    {
        private readonly Linear _inputToHidden, _hiddenToOutput;
        private readonly ReLU _activation;

        public MyNeuralNet()
        {
            _inputToHidden = Register("input_to_hidden_layer", new Linear(2, 8));
            _activation = Register("hidden_layer_activation", new ReLU());
            _hiddenToOutput = Register("hidden_to_output_layer", new Linear(8, 1));
        }

        public override Tensor Forward(Tensor x) => _hiddenToOutput.Forward(_activation.Forward(_inputToHidden.Forward(x)));
    }
}
