namespace StaticNet.Autograd;

/// <summary>
/// What a custom <see cref="Function{TSelf}"/> call hands from its forward to its backward (PyTorch's <c>ctx</c>):
/// the tensors saved for backward and, per argument, whether a gradient is needed.
/// </summary>
public sealed class FunctionContext
{
    private readonly bool[] _needsInputGrad;
    private readonly string _nodeName;
    private SavedTensor[] _saved = [];
    private bool _hasSaved;

    internal FunctionContext(bool[] needsInputGrad, string nodeName)
    {
        _needsInputGrad = needsInputGrad;
        _nodeName = nodeName;
    }

    /// <summary>
    /// One flag per argument of <c>Apply</c>, in order: true when that argument is a tensor that requires grad and
    /// grad mode was on (<c>ctx.needs_input_grad</c>). Backward may skip computing gradients whose flag is false.
    /// </summary>
    public IReadOnlyList<bool> NeedsInputGrad => _needsInputGrad;

    /// <summary>
    /// Keeps tensors for <see cref="Function{TSelf}"/>'s backward (<c>ctx.save_for_backward(...)</c>); call it once in
    /// forward. The saved tensors are checked on use: changing one in place afterwards makes backward throw, as
    /// PyTorch does, instead of computing a gradient from the changed values.
    /// </summary>
    public void SaveForBackward(params Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (_hasSaved)
            throw new InvalidOperationException($"{_nodeName}: SaveForBackward was already called; save every tensor backward needs in one call.");
        var saved = new SavedTensor[tensors.Length];
        for (int i = 0; i < tensors.Length; i++)
            saved[i] = new SavedTensor(tensors[i] ?? throw new ArgumentNullException(nameof(tensors), $"{_nodeName}: SaveForBackward argument {i} is null."));
        _saved = saved;
        _hasSaved = true;
    }

    /// <summary>
    /// The tensors given to <see cref="SaveForBackward"/>, in order (<c>ctx.saved_tensors</c>). Throws PyTorch's errors
    /// when the graph was already freed by a backward pass or a saved tensor was modified in place.
    /// </summary>
    public IReadOnlyList<Tensor> SavedTensors
    {
        get
        {
            var tensors = new Tensor[_saved.Length];
            for (int i = 0; i < tensors.Length; i++) tensors[i] = _saved[i].Unpack(_nodeName);
            return tensors;
        }
    }

    internal void Release()
    {
        for (int i = 0; i < _saved.Length; i++) _saved[i].Release();
    }
}
