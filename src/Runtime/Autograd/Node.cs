namespace StaticNet.Autograd;

/// <summary>
/// A node of the backward graph (PyTorch's <c>grad_fn</c>): it turns the gradient of the tensor it produced into
/// gradients for that operation's inputs. Each op has its own small sealed subclass holding only what its
/// gradient needs (see Autograd/Functions); <see cref="AccumulateGrad"/> ends the graph at leaf tensors.
/// </summary>
public abstract class Node
{
    private Edge[] _next = [];

    /// <summary>PyTorch's name for the node: <c>MulBackward0</c>, <c>AccumulateGrad</c>, ...</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Where each input's gradient goes: one <c>(Node, InputNr)</c> pair per input of the forward op, with a null
    /// node for inputs that do not require grad (PyTorch's <c>next_functions</c>).
    /// </summary>
    public IReadOnlyList<(Node? Node, int InputNr)> NextFunctions
    {
        get
        {
            var list = new (Node?, int)[_next.Length];
            for (int i = 0; i < list.Length; i++) list[i] = (_next[i].Node, _next[i].InputNr);
            return list;
        }
    }

    internal Edge[] Next
    {
        get => _next;
        set => _next = value;
    }

    /// <summary>
    /// The gradients for each input, given the gradient of this node's output (same shape as that output).
    /// Entries may be null for inputs that need none. Runs with gradient recording off.
    /// </summary>
    internal abstract Tensor?[] Apply(Tensor gradOutput);

    /// <summary>
    /// How many tensors the forward op produced (1 for almost every op). A node of several outputs receives one gradient
    /// per output, in <see cref="ApplyOutputs"/>; an edge's <c>InputNr</c> names the output it carries a gradient for.
    /// </summary>
    internal virtual int OutputCount => 1;

    /// <summary>
    /// The gradients for each input, given one gradient per output (null for an output no gradient reached, as PyTorch
    /// passes an undefined tensor; the engine does not call a node that no gradient reached at all). Only called when
    /// <see cref="OutputCount"/> is greater than 1.
    /// </summary>
    internal virtual Tensor?[] ApplyOutputs(Tensor?[] gradOutputs) => Apply(gradOutputs[0]!);

    /// <summary>The forward op's call site, captured when the node was recorded in anomaly mode (else null).</summary>
    internal string? ForwardTrace { get; set; }

    /// <summary>The non-leaf tensor (this node's output) that asked to keep its gradient with <c>RetainGrad()</c>.</summary>
    internal Tensor? RetainedGradTensor { get; set; }

    /// <summary>For a node of several outputs: the outputs after the first that asked to keep their gradient (index = output number).</summary>
    internal Tensor?[]? RetainedGradOutputs { get; set; }

    /// <summary>Frees the tensors saved for backward (after a backward pass without retainGraph).</summary>
    internal virtual void Release()
    {
    }

    /// <summary>Prints as <c>&lt;MulBackward0&gt;</c>, as PyTorch's repr does.</summary>
    public override string ToString() => $"<{Name}>";
}

/// <summary>An input slot of a node: gradients flow along it to <see cref="Node"/> (null: no gradient needed).</summary>
internal readonly record struct Edge(Node? Node, int InputNr);
