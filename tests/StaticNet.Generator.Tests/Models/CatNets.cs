using StaticNet;
using static StaticNet.F;

namespace StaticNet.Generators.Tests.Models;

/// <summary>Cat along the last dimension (as -1) of three values, one of them twice (its gradient adds up), and x read by two layers.</summary>
[Model(Input = [6])]
public partial class CatMlp
{
    [Linear(6, 8)] public partial Tensor Fc1(Tensor x);
    [Linear(6, 4)] public partial Tensor Fc2(Tensor x);
    [Linear(8 + 4 + 8, 3)] public partial Tensor Head(Tensor x);

    [Forward]
    internal Tensor Network(Tensor x)
    {
        var a = Relu(Fc1(x));
        var b = Tanh(Fc2(x));
        return Head(Torch.Cat([a, b, a], -1));
    }
}

/// <summary>
/// Cat of images along the channels (dimension 1: <c>[B, 3, 5, 5]</c> and <c>[B, 2, 5, 5]</c>) and along the width (−1), where
/// each row of the result alternates the inputs' rows; y is read twice by the second Cat.
/// </summary>
[Model(Input = [2, 5, 5])]
public partial class CatConvNet
{
    [Conv2d(2, 3, kernel: 3, padding: 1)] public partial Tensor Conv1(Tensor x);
    [Conv2d(2, 2, kernel: 3, padding: 1)] public partial Tensor Conv2(Tensor x);
    [Linear(5 * 5 * 10, 3)] public partial Tensor Fc(Tensor x);

    [Forward]
    internal Tensor Network(Tensor x)
    {
        var y = Torch.Cat([Conv1(x), Conv2(x)], 1);   // [B, 5, 5, 5]
        var z = Torch.Cat([Tanh(y), y], -1);           // [B, 5, 5, 10]
        return Fc(z.Flatten(1));
    }
}
