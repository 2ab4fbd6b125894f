using StaticNet;
using static StaticNet.F;

namespace StaticNet.Generators.Tests.Models;

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
