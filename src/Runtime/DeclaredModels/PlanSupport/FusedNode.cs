using StaticNet.Autograd;

namespace StaticNet.Fused;

/// <summary>
/// The base of a generated model's backward node (<c>NeuralNetworkBackward0</c>): the fused <c>Forward</c> records
/// one of these for the whole network, and its <see cref="Backward"/> is the generated, hand-derived chain rule.
/// </summary>
/// <remarks>
/// Generated code lives in the user's assembly, so it cannot override <see cref="Node"/>'s internal members; this
/// class bridges them to protected ones. Not meant to be derived from by hand.
/// </remarks>
public abstract class FusedNode : Node
{
    private readonly int _outputs;

    /// <summary>A node for a forward with one output.</summary>
    protected FusedNode() : this(1)
    {
    }

    /// <summary>A node for a forward returning <paramref name="outputs"/> tensors (a tuple), recorded by <see cref="FusedOps.RecordOutputs"/>.</summary>
    /// <param name="outputs">The number of outputs, at least 1.</param>
    protected FusedNode(int outputs) => _outputs = outputs >= 1 ? outputs : throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "a node has at least one output");

    internal sealed override int OutputCount => _outputs;

    // Called with one gradient (the engine's single-output path, or a caller that knows only the first output): the
    // other outputs got none, which the generated backward counts as zeros.
    internal sealed override Tensor?[] Apply(Tensor gradOutput)
    {
        if (_outputs == 1) return Backward(gradOutput);
        var gradOutputs = new Tensor?[_outputs];
        gradOutputs[0] = gradOutput;
        return Backward(gradOutputs);
    }

    internal sealed override Tensor?[] ApplyOutputs(Tensor?[] gradOutputs) => Backward(gradOutputs);

    internal sealed override void Release() => ReleaseSaved();

    /// <summary>The gradients for each recorded input (in <see cref="FusedOps.Record"/>'s order), given the output's gradient.</summary>
    /// <param name="gradOutput">The gradient of the model's output, of the output's shape.</param>
    /// <remarks>A node of one output overrides this; the default passes it on to the overload for several outputs.</remarks>
    protected virtual Tensor?[] Backward(Tensor gradOutput) => Backward([gradOutput]);

    /// <summary>
    /// The gradients for each recorded input given one gradient per output, null for an output that no gradient reached
    /// (it counts as zeros). A node of several outputs overrides this.
    /// </summary>
    /// <param name="gradOutputs">The gradient of each output, of that output's shape, or null.</param>
    protected virtual Tensor?[] Backward(Tensor?[] gradOutputs) =>
        throw new NotSupportedException($"{Name} overrides neither Backward(Tensor) nor Backward(Tensor?[]).");

    /// <summary>Frees what the node saved for backward (called after a backward pass without <c>retainGraph</c>).</summary>
    protected abstract void ReleaseSaved();

    /// <summary>True when input <paramref name="input"/> of the recorded op needs a gradient (its edge leads somewhere).</summary>
    /// <param name="input">The input's position in <see cref="FusedOps.Record"/>'s list.</param>
    protected bool NeedsGradient(int input) => input < Next.Length && Next[input].Node is not null;

    /// <summary>
    /// True when input <paramref name="input"/> is the leaf <paramref name="parameter"/> whose gradient the backward may add
    /// straight into its <c>Grad</c> (what its AccumulateGrad would do, without the temporary): the edge leads to the
    /// parameter's own AccumulateGrad, the pass is not capturing gradients (<c>Autograd.Grad</c>), and <c>Grad</c> is absent
    /// or a contiguous tensor of the parameter's dtype with no history. The node then returns no gradient for that edge.
    /// </summary>
    /// <param name="input">The input's position in <see cref="FusedOps.Record"/>'s list.</param>
    /// <param name="parameter">The parameter recorded there.</param>
    protected bool AccumulatesInto(int input, Tensor parameter) =>
        input < Next.Length && Next[input].Node is AccumulateGrad a && ReferenceEquals(a.Variable, parameter) && !Engine.Capturing &&
        parameter.DType is DType.Float32 or DType.Float64 &&
        (parameter.GradInternal is not { } g || (g.DType == parameter.DType && g.IsContiguous && !g.RequiresGrad && g.ShapeSpan.SequenceEqual(parameter.ShapeSpan)));

    /// <summary>PyTorch's error for a second backward through a freed graph.</summary>
    protected static InvalidOperationException Freed() => new(
        "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). " +
        "Saved intermediate values of the graph are freed when you call .Backward() or Autograd.Grad(). " +
        "Specify retainGraph: true if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.");
}
