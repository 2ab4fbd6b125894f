using StaticNet;
using static StaticNet.F;

namespace StaticNet.Generators.Tests.Models;

/// <summary>
/// BatchNorm2d in a residual convolution: bn1 (ReLU in its epilogue) and bn2 (not affine, momentum 0.2) each read only their
/// convolution's output, so Predict folds both into the convolutions; h is read by conv2 and the skip +.
/// </summary>
[Model(Input = [2, 5, 5])]
public partial class BatchNormConvNet
{
    [Conv2d(2, 3, kernel: 3, padding: 1)] public partial Tensor Conv1(Tensor x);
    [BatchNorm2d(3)] public partial Tensor Bn1(Tensor x);
    [Conv2d(3, 3, kernel: 3, padding: 1, bias: false)] public partial Tensor Conv2(Tensor x);
    [BatchNorm2d(3, momentum: 0.2, affine: false)] public partial Tensor Bn2(Tensor x);
    [Linear(3 * 5 * 5, 4)] public partial Tensor Fc(Tensor x);

    // Internal so tests can run the same body eagerly, through the layer methods and autograd.
    [Forward]
    internal Tensor Network(Tensor x)
    {
        var h = Relu(Bn1(Conv1(x)));
        var y = Tanh(Bn2(Conv2(h)) + h);
        return Fc(y.Flatten(1));
    }
}

/// <summary>
/// BatchNorm1d on [B, C]: bn0 normalizes the input itself (nothing to fold into), bn1 (eps 1e-3) follows fc1 and is also
/// read by the skip + (fc1's output has one reader: bn1, so it folds), bn2 keeps a cumulative average (momentum=None).
/// </summary>
[Model(Input = [4])]
public partial class BatchNormMlp
{
    [BatchNorm1d(4)] public partial Tensor Bn0(Tensor x);
    [Linear(4, 5)] public partial Tensor Fc1(Tensor x);
    [BatchNorm1d(5, eps: 1e-3)] public partial Tensor Bn1(Tensor x);
    [Linear(5, 5)] public partial Tensor Fc2(Tensor x);
    [BatchNorm1d(5, cumulativeAverage: true)] public partial Tensor Bn2(Tensor x);
    [Linear(5, 3)] public partial Tensor Head(Tensor x);

    [Forward]
    internal Tensor Network(Tensor x)
    {
        var a = Bn1(Fc1(Bn0(x)));
        var b = Sigmoid(Bn2(Fc2(Tanh(a))));
        return Head(b + a);
    }
}

/// <summary>BatchNorm1d over [B, C, L] (statistics over the batch and the length), as a Sequential with the Flatten.</summary>
[Model(Input = [3, 4])]
public partial class BatchNormSequenceNet
{
    [BatchNorm1d(3)] [Flatten] public partial Tensor Normalize(Tensor x);
    [Linear(12, 2)] public partial Tensor Fc(Tensor x);

    [Forward]
    internal Tensor Network(Tensor x) => Fc(Normalize(x));
}
