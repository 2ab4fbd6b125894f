namespace StaticNet.Autograd;

/// <summary>
/// z = x @ y for the matmul cases that are not a plain dot, mv or mm: 1-D @ 2-D, and any operand with 3 or more
/// dimensions, batch dimensions broadcast. With a = x as a matrix ([1, k] when x is 1-D) and b = y as a matrix
/// ([k, 1] when y is 1-D), and G the gradient with those dimensions restored: dA = G·bᵀ and dB = aᵀ·G per batch,
/// each then summed over the batch dimensions its operand was broadcast along.
/// </summary>
/// <remarks>PyTorch 1.13 records these cases as chains of view nodes around MmBackward0/BmmBackward0 (see
/// <see cref="Tensor.Matmul"/>); this is the single node PyTorch 2.x names MatmulBackward0.</remarks>
internal sealed class MatmulBackward0 : Node
{
    private readonly InputInfo _self, _other;
    private readonly int _selfDim, _otherDim;
    private SavedTensor _savedSelf, _savedOther;

    public MatmulBackward0(Tensor self, Tensor other)
    {
        _self = new(self);
        _other = new(other);
        _selfDim = self.Dim;
        _otherDim = other.Dim;
        if (_other.RequiresGrad) _savedSelf = new SavedTensor(self);
        if (_self.RequiresGrad) _savedOther = new SavedTensor(other);
    }

    public override string Name => "MatmulBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        // The row (column) dimension a 1-D operand lost in the forward comes back as length 1.
        var gm = _selfDim == 1 ? g.Unsqueeze(-2) : g;
        if (_otherDim == 1) gm = gm.Unsqueeze(-1);
        return [_self.RequiresGrad ? SelfGradient(gm) : null, _other.RequiresGrad ? OtherGradient(gm) : null];
    }

    private Tensor SelfGradient(Tensor gm)
    {
        var y = _savedOther.Unpack(this);
        var b = _otherDim == 1 ? y.Unsqueeze(1) : y;
        var full = gm.Matmul(b.Transpose(-1, -2)); // [batch..., m, k]: the GEMM reads bᵀ through its strides
        return _self.Reduce(_selfDim == 1 ? full.Squeeze(-2) : full)!;
    }

    private Tensor OtherGradient(Tensor gm)
    {
        var x = _savedSelf.Unpack(this);
        var a = _selfDim == 1 ? x.Unsqueeze(0) : x;
        long k = a.Size(-1), n = gm.Size(-1);
        Tensor full;
        if (_otherDim <= 2 && k > 0 && n > 0)
        {
            // b is shared by every batch: Σ_batch aᵀ·G is one GEMM over the batch-and-row dimension merged.
            full = a.Reshape(-1, k).T.Mm(gm.Reshape(-1, n));
        }
        else
        {
            full = a.Transpose(-1, -2).Matmul(gm); // [batch..., k, n]
        }
        return _other.Reduce(_otherDim == 1 ? full.Squeeze(-1) : full)!;
    }

    internal override void Release()
    {
        _savedSelf.Release();
        _savedOther.Release();
    }
}
