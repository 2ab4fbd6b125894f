using System.Collections.Generic;

namespace StaticNet.Generators.IR;

/// <summary>
/// One step of a fused plan: it reads value <see cref="Input"/> and writes value <see cref="Input"/> + 1. Module is the
/// C# expression that reaches the layer from the model (<c>Layers.Fc1</c>); ModuleName its PyTorch name, for comments.
/// </summary>
internal abstract record FusedStep(string Module, string ModuleName)
{
    public int Input { get; init; }
}

/// <summary>
/// A Linear as one GEMM, with its bias and the activation right after it applied as an epilogue; Activation is the
/// <c>FusedActivation</c> member: None, Relu, Sigmoid or Tanh.
/// </summary>
internal sealed record FusedLinear(string Module, string ModuleName, long In, long Out, bool Bias, string Activation)
    : FusedStep(Module, ModuleName)
{
    /// <summary>The position of the weight among the recorded inputs (0 is x; the bias follows the weight).</summary>
    public int WeightInput { get; init; }
}

/// <summary>Dropout: multiplies by a mask drawn as F.Dropout draws it (ones in evaluation).</summary>
internal sealed record FusedDropout(string Module, string ModuleName, double P, long Features) : FusedStep(Module, ModuleName);

/// <summary>
/// A model's forward pass lowered to a straight chain of fused steps over [B, n] row-major buffers: value 0 is the
/// flattened input (<see cref="InputFeatures"/> wide), step i writes value i + 1, the last value is the output.
/// </summary>
internal sealed record FusedPlan(IReadOnlyList<FusedStep> Steps, long InputFeatures, IReadOnlyList<long> Widths)
{
    /// <summary>The linears, in order.</summary>
    public IEnumerable<FusedLinear> Linears
    {
        get
        {
            foreach (var s in Steps) if (s is FusedLinear l) yield return l;
        }
    }

    /// <summary>The number of recorded inputs: x, then a weight and a bias slot per Linear.</summary>
    public int InputCount { get; init; }

    public long OutputFeatures => Widths[Widths.Count - 1];
}
