using StaticNet.Autograd;

namespace StaticNet;

public partial class Tensor
{
    private bool _requiresGrad;
    private bool _retainsGrad;
    private Tensor? _grad;
    private AccumulateGrad? _gradAccumulator;

    /// <summary>
    /// Whether operations on this tensor are recorded for automatic differentiation (PyTorch's <c>requires_grad</c>).
    /// Only floating tensors can require gradients; only leaves can change the flag.
    /// </summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (value == _requiresGrad) return;
            if (GradFn is not null)
                throw new InvalidOperationException(
                    "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph " +
                    "that doesn't require differentiation use var_no_grad = var.Detach().");
            if (value && !DType.IsFloatingPoint())
                throw new InvalidOperationException(
                    $"only Tensors of floating point dtype can require gradients (this tensor is {DType.PyTorchName()}, shape {Shape}).");
            _requiresGrad = value;
        }
    }

    /// <summary>Sets <see cref="RequiresGrad"/> in place and returns this tensor (<c>x.requires_grad_()</c>).</summary>
    public Tensor RequiresGrad_(bool requiresGrad = true)
    {
        RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>The backward node that produced this tensor (PyTorch's <c>grad_fn</c>); null for leaves.</summary>
    /// <remarks>A view whose base was changed in place since its node was recorded gets its history regenerated
    /// from the base's (AsStridedBackward0), as PyTorch does, so it never backpropagates through stale history.</remarks>
    public Node? GradFn
    {
        get
        {
            if (_gradFn is not null && ViewBase is not null && _historyVersion != Storage.Version) ViewHistory.Regenerate(this);
            return _gradFn;
        }
        private set => _gradFn = value;
    }

    private Node? _gradFn;
    private int _outputNr; // which output of GradFn this tensor is (0 but for a node of several outputs)
    private int _historyVersion; // the storage version when the history was set (see GradFn)

    /// <summary>True for tensors not produced by a recorded operation: created by the user, or not requiring grad.</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>
    /// The accumulated gradient: null until a backward pass reaches this tensor, then summed over backward calls
    /// until zeroed (PyTorch's <c>.grad</c>). Non-leaf tensors keep none unless <see cref="RetainGrad"/> was called;
    /// reading it then raises a warning on <see cref="Warnings"/>.
    /// </summary>
    public Tensor? Grad
    {
        get
        {
            if (GradFn is not null && !_retainsGrad && _grad is null)
                Warnings.Warn(
                    "The .Grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .Grad attribute won't be populated " +
                    "during Backward(). If you indeed want the gradient for a non-leaf Tensor, call RetainGrad() on it first.");
            _gradSeen |= _grad is not null; // the caller may keep it: ZeroGrad must not reuse its buffer (Tensor.GradBuffer.cs)
            return _grad;
        }
        set
        {
            if (value is not null && !value.ShapeSpan.SequenceEqual(ShapeSpan))
                throw new ArgumentException($"assigned grad has data of a different size: grad shape {value.Shape}, tensor shape {Shape}.");
            _grad = value;
            _gradSeen = value is not null;
        }
    }

    /// <summary>Keeps the gradient of this non-leaf tensor in <see cref="Grad"/> during backward (<c>x.retain_grad()</c>).</summary>
    public void RetainGrad()
    {
        if (!RequiresGrad) throw new InvalidOperationException("can't retain_grad on Tensor that has requires_grad=False");
        if (GradFn is null || _retainsGrad) return;
        _retainsGrad = true;
        if (_outputNr == 0) GradFn.RetainedGradTensor = this;
        else (GradFn.RetainedGradOutputs ??= new Tensor?[GradFn.OutputCount])[_outputNr] = this;
    }

    /// <summary>
    /// Computes the gradient of this tensor with respect to the graph leaves and accumulates it into their
    /// <see cref="Grad"/> (PyTorch's <c>backward()</c>). A non-scalar tensor needs <paramref name="gradient"/>,
    /// the gradient of some scalar with respect to it.
    /// </summary>
    /// <param name="gradient">Same shape as this tensor; defaults to 1 for a one-element tensor.</param>
    /// <param name="retainGraph">Keep saved tensors so that backward can run through this graph again.</param>
    public void Backward(Tensor? gradient = null, bool retainGraph = false)
    {
        if (!RequiresGrad)
            throw new InvalidOperationException("element 0 of tensors does not require grad and does not have a grad_fn");
        if (gradient is null)
        {
            if (Numel != 1) throw new InvalidOperationException("grad can be implicitly created only for scalar outputs");
            gradient = Torch.OnesLike(this);
        }
        else if (!gradient.ShapeSpan.SequenceEqual(ShapeSpan))
            throw new ArgumentException($"Mismatch in shape: grad_output[0] has a shape of {gradient.Shape} and output[0] has a shape of {Shape}.");
        Engine.Run([(Graph.EdgeOf(this), gradient)], retainGraph);
    }

    /// <summary>A tensor sharing this tensor's data with no history and <c>RequiresGrad == false</c> (<c>x.detach()</c>).</summary>
    public Tensor Detach() => new(Storage, _shape, _strides, StorageOffset);

    /// <summary>Detaches this tensor from the graph in place: it becomes a leaf that does not require grad.</summary>
    public Tensor Detach_()
    {
        GradFn = null;
        _outputNr = 0;
        _requiresGrad = false;
        return this;
    }

    /// <summary>The leaf's gradient accumulator node (created on first use, kept so every edge to the leaf shares it).</summary>
    internal AccumulateGrad GradAccumulator => _gradAccumulator ??= new AccumulateGrad(this);

    /// <summary>Which output of <see cref="GradFn"/> this tensor is: the <c>InputNr</c> of the edge its gradient travels along.</summary>
    internal int OutputNr => _outputNr;

    /// <summary>Makes this tensor output <paramref name="outputNr"/> of <paramref name="node"/> (called by <see cref="Graph.Record"/>).</summary>
    internal void SetHistory(Node node, int outputNr = 0)
    {
        GradFn = node;
        _outputNr = outputNr;
        _historyVersion = Storage.Version;
        _requiresGrad = true;
    }

    internal Tensor WithRequiresGrad(bool requiresGrad)
    {
        if (requiresGrad) RequiresGrad = true;
        return this;
    }
}
