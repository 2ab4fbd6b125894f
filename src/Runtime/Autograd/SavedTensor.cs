namespace StaticNet.Autograd;

/// <summary>
/// A tensor a node keeps for its backward, with the storage version seen when it was saved: an in-place change
/// afterwards would make the gradient silently wrong, so unpacking checks the version (PyTorch's SavedVariable).
/// </summary>
internal struct SavedTensor
{
    private Tensor? _tensor;
    private readonly int _version;
    private bool _released;

    public SavedTensor(Tensor tensor)
    {
        _tensor = tensor;
        _version = tensor.Storage.Version;
        _released = false;
    }

    /// <summary>The saved tensor; throws PyTorch's errors when it was freed or modified in place.</summary>
    public readonly Tensor Unpack(Node owner) => Unpack(owner.Name);

    /// <param name="ownerName">The name of the node that saved it, for the error messages.</param>
    public readonly Tensor Unpack(string ownerName)
    {
        if (_released)
            throw new InvalidOperationException(
                "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). " +
                "Saved intermediate values of the graph are freed when you call .Backward() or Autograd.Grad(). " +
                "Specify retainGraph: true if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.");
        var t = _tensor!;
        if (t.Storage.Version != _version)
            throw new InvalidOperationException(
                $"one of the variables needed for gradient computation has been modified by an inplace operation: [{t.DType.PyTorchName()} {t.Shape}], " +
                $"which is saved by {ownerName}, is at version {t.Storage.Version}; expected version {_version} instead.");
        return t;
    }

    public void Release()
    {
        _tensor = null;
        _released = true;
    }
}
