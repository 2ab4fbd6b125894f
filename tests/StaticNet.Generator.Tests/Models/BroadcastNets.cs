using StaticNet;
using static StaticNet.F;

namespace StaticNet.Generators.Tests.Models;

/// <summary>
/// Residual + and * that broadcast as the inferred shapes say: a squeeze-and-excitation gate <c>[B, 4, 6, 6] * [B, 4, 1, 1]</c>
/// and a per-channel shift <c>[B, 4, 6, 6] + [B, 4, 1, 1]</c>, both stretched operands computed from c, which is read by
/// four ops (the gate's pooling, the product, the shift's pooling and the +), so its gradient adds up.
/// </summary>
[Model(Input = [2, 6, 6])]
public partial class BroadcastResidualNet
{
    [Conv2d(2, 4, kernel: 3, padding: 1)] public partial Tensor Conv(Tensor x);
    [AdaptiveAvgPool2d(1)] public partial Tensor Squeeze(Tensor x);
    [MaxPool2d(6)] public partial Tensor Peak(Tensor x);
    [Linear(4 * 6 * 6, 3)] public partial Tensor Fc(Tensor x);

    [Forward]
    internal Tensor Network(Tensor x)
    {
        var c = Tanh(Conv(x));
        var gated = c * Sigmoid(Squeeze(c));    // [B, 4, 6, 6] * [B, 4, 1, 1]
        var shifted = gated + Peak(c);          // [B, 4, 6, 6] + [B, 4, 1, 1]
        return Fc(shifted.Flatten(1));
    }
}

/// <summary>
/// Broadcasts of vectors: a gate <c>[B, 8] * [B, 1]</c>, a shift <c>[B, 8] + [B, 1]</c> and an outer sum
/// <c>[B, 1, 8] + [B, 4, 1]</c> in which both operands are stretched (to <c>[B, 4, 8]</c>); h is read by five ops.
/// </summary>
[Model(Input = [6])]
public partial class BroadcastGateMlp
{
    [Linear(6, 8)] public partial Tensor Fc1(Tensor x);
    [Linear(8, 1)] public partial Tensor Gate(Tensor x);
    [Linear(8, 1)] public partial Tensor Shift(Tensor x);
    [Linear(8, 4)] public partial Tensor Rows(Tensor x);
    [Linear(4 * 8, 3)] public partial Tensor Head(Tensor x);

    [Forward]
    internal Tensor Network(Tensor x)
    {
        var h = Tanh(Fc1(x));
        var g = h * Sigmoid(Gate(h)) + Shift(h);           // [B, 8] * [B, 1] + [B, 1]
        var outer = g.View(-1, 1, 8) + Rows(h).View(-1, 4, 1); // [B, 1, 8] + [B, 4, 1] → [B, 4, 8]
        return Head(outer.View(-1, 4 * 8));
    }
}
