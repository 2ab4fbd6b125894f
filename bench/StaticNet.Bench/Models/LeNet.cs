using StaticNet.NN;
using static StaticNet.F;

namespace StaticNet.Bench.Models;

/// <summary>The kit's W3 LeNet on [B, 3, 32, 32], declared (seed 002's network).</summary>
[Model(Input = [3, 32, 32])]
public partial class DeclaredLeNet
{
    [Conv2d(3, 6, kernel: 5)] public partial Tensor Conv1(Tensor x);
    [MaxPool2d(2)] public partial Tensor Pool(Tensor x);
    [Conv2d(6, 16, kernel: 5)] public partial Tensor Conv2(Tensor x);
    [Linear(16 * 5 * 5, 120)] public partial Tensor Fc1(Tensor x);
    [Linear(120, 84)] public partial Tensor Fc2(Tensor x);
    [Linear(84, 10)] public partial Tensor Fc3(Tensor x);

    [Forward]
    private Tensor Network(Tensor x)
    {
        x = Pool(Relu(Conv1(x)));
        x = Pool(Relu(Conv2(x)));
        x = x.View(-1, 400);
        x = Relu(Fc1(x));
        x = Relu(Fc2(x));
        return Fc3(x);
    }
}

/// <summary>The same LeNet as an eager Module subclass, layer for layer as the kit's <c>LeNet</c> in bench.py.</summary>
public sealed class EagerLeNet : Module
{
    private readonly Conv2d _conv1, _conv2;
    private readonly MaxPool2d _pool;
    private readonly Linear _fc1, _fc2, _fc3;
    private readonly ReLU _relu;

    /// <summary>Creates the layers in bench.py's order (conv1, pool, conv2, fc1, fc2, fc3, relu).</summary>
    public EagerLeNet()
    {
        _conv1 = Register("conv1", new Conv2d(3, 6, 5));
        _pool = Register("pool", new MaxPool2d(2, 2));
        _conv2 = Register("conv2", new Conv2d(6, 16, 5));
        _fc1 = Register("fc1", new Linear(400, 120));
        _fc2 = Register("fc2", new Linear(120, 84));
        _fc3 = Register("fc3", new Linear(84, 10));
        _relu = Register("relu", new ReLU());
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor x)
    {
        x = _pool.Forward(_relu.Forward(_conv1.Forward(x)));
        x = _pool.Forward(_relu.Forward(_conv2.Forward(x)));
        x = x.View(-1, 400);
        x = _relu.Forward(_fc1.Forward(x));
        x = _relu.Forward(_fc2.Forward(x));
        return _fc3.Forward(x);
    }
}
