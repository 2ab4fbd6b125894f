namespace StaticNet.Autograd;

// Gradient rules of the matrix products. Transposes are strided views: the GEMM reads strides, so g·Bᵀ never
// materializes Bᵀ. Each node saves an operand only when the other operand's gradient needs it.

/// <summary>z = x·y (1-D vectors, 0-dim z): dz/dx = y, dz/dy = x.</summary>
internal sealed class DotBackward0 : Node
{
    private readonly InputInfo _self, _other;
    private SavedTensor _savedSelf, _savedOther;

    public DotBackward0(Tensor self, Tensor other)
    {
        _self = new(self);
        _other = new(other);
        if (_other.RequiresGrad) _savedSelf = new SavedTensor(self);
        if (_self.RequiresGrad) _savedOther = new SavedTensor(other);
    }

    public override string Name => "DotBackward0";

    internal override Tensor?[] Apply(Tensor g) =>
    [
        _self.RequiresGrad ? _self.Reduce(_savedOther.Unpack(this) * g) : null,
        _other.RequiresGrad ? _other.Reduce(_savedSelf.Unpack(this) * g) : null,
    ];

    internal override void Release()
    {
        _savedSelf.Release();
        _savedOther.Release();
    }
}

/// <summary>C = A·B ([m, k]·[k, n]): dA = G·Bᵀ, dB = Aᵀ·G.</summary>
internal sealed class MmBackward0 : Node
{
    private readonly InputInfo _self, _mat2;
    private SavedTensor _savedSelf, _savedMat2;

    public MmBackward0(Tensor self, Tensor mat2)
    {
        _self = new(self);
        _mat2 = new(mat2);
        if (_mat2.RequiresGrad) _savedSelf = new SavedTensor(self);
        if (_self.RequiresGrad) _savedMat2 = new SavedTensor(mat2);
    }

    public override string Name => "MmBackward0";

    internal override Tensor?[] Apply(Tensor g) =>
    [
        _self.RequiresGrad ? _self.Reduce(g.Mm(_savedMat2.Unpack(this).T)) : null,
        _mat2.RequiresGrad ? _mat2.Reduce(_savedSelf.Unpack(this).T.Mm(g)) : null,
    ];

    internal override void Release()
    {
        _savedSelf.Release();
        _savedMat2.Release();
    }
}

/// <summary>y = A·v ([m, k]·[k]): dA = g ⊗ v (outer product), dv = Aᵀ·g.</summary>
internal sealed class MvBackward0 : Node
{
    private readonly InputInfo _self, _vec;
    private SavedTensor _savedSelf, _savedVec;

    public MvBackward0(Tensor self, Tensor vec)
    {
        _self = new(self);
        _vec = new(vec);
        if (_vec.RequiresGrad) _savedSelf = new SavedTensor(self);
        if (_self.RequiresGrad) _savedVec = new SavedTensor(vec);
    }

    public override string Name => "MvBackward0";

    internal override Tensor?[] Apply(Tensor g) =>
    [
        _self.RequiresGrad ? _self.Reduce(g.Unsqueeze(1).Mm(_savedVec.Unpack(this).Unsqueeze(0))) : null,
        _vec.RequiresGrad ? _vec.Reduce(_savedSelf.Unpack(this).T.Mv(g)) : null,
    ];

    internal override void Release()
    {
        _savedSelf.Release();
        _savedVec.Release();
    }
}

/// <summary>
/// Z = x ⊗ y ([n], [m] → [n, m], with type promotion): dx = G·y, dy = Gᵀ·x, computed in the result's dtype and
/// cast back to each input's. PyTorch decomposes outer into <c>x.reshape(n, 1) * y</c> and records MulBackward0
/// over a reshape node; this single node gives the same gradients without depending on view nodes.
/// </summary>
internal sealed class OuterBackward0 : Node
{
    private readonly InputInfo _self, _vec2;
    private SavedTensor _savedSelf, _savedVec2;

    public OuterBackward0(Tensor self, Tensor vec2)
    {
        _self = new(self);
        _vec2 = new(vec2);
        if (_vec2.RequiresGrad) _savedSelf = new SavedTensor(self);
        if (_self.RequiresGrad) _savedVec2 = new SavedTensor(vec2);
    }

    public override string Name => "OuterBackward0";

    internal override Tensor?[] Apply(Tensor g) =>
    [
        _self.RequiresGrad ? _self.Reduce(g.Mv(_savedVec2.Unpack(this).To(g.DType))) : null,
        _vec2.RequiresGrad ? _vec2.Reduce(g.T.Mv(_savedSelf.Unpack(this).To(g.DType))) : null,
    ];

    internal override void Release()
    {
        _savedSelf.Release();
        _savedVec2.Release();
    }
}

/// <summary>C[b] = A[b]·B[b] ([b, m, k]·[b, k, n]): dA[b] = G[b]·B[b]ᵀ, dB[b] = A[b]ᵀ·G[b].</summary>
internal sealed class BmmBackward0 : Node
{
    private readonly InputInfo _self, _mat2;
    private SavedTensor _savedSelf, _savedMat2;

    public BmmBackward0(Tensor self, Tensor mat2)
    {
        _self = new(self);
        _mat2 = new(mat2);
        if (_mat2.RequiresGrad) _savedSelf = new SavedTensor(self);
        if (_self.RequiresGrad) _savedMat2 = new SavedTensor(mat2);
    }

    public override string Name => "BmmBackward0";

    internal override Tensor?[] Apply(Tensor g) =>
    [
        _self.RequiresGrad ? _self.Reduce(g.Bmm(_savedMat2.Unpack(this).Transpose(1, 2))) : null,
        _mat2.RequiresGrad ? _mat2.Reduce(_savedSelf.Unpack(this).Transpose(1, 2).Bmm(g)) : null,
    ];

    internal override void Release()
    {
        _savedSelf.Release();
        _savedMat2.Release();
    }
}

/// <summary>
/// C = β·input + α·(M1·M2), input broadcast to [m, n]: d input = β·G summed over the broadcast dimensions
/// (a Linear layer's bias [n] gets the column sums), dM1 = α·G·M2ᵀ, dM2 = α·M1ᵀ·G.
/// </summary>
internal sealed class AddmmBackward0 : Node
{
    private readonly InputInfo _self, _mat1, _mat2;
    private readonly double _beta, _alpha;
    private SavedTensor _savedMat1, _savedMat2;

    public AddmmBackward0(Tensor self, Tensor mat1, Tensor mat2, double beta, double alpha)
    {
        _self = new(self);
        _mat1 = new(mat1);
        _mat2 = new(mat2);
        _beta = beta;
        _alpha = alpha;
        if (_mat2.RequiresGrad) _savedMat1 = new SavedTensor(mat1);
        if (_mat1.RequiresGrad) _savedMat2 = new SavedTensor(mat2);
    }

    public override string Name => "AddmmBackward0";

    internal override Tensor?[] Apply(Tensor g) =>
    [
        _self.RequiresGrad ? _self.Reduce(_beta == 1 ? g : g * _beta) : null,
        _mat1.RequiresGrad ? _mat1.Reduce(LinearAlgebra.ScaledMm(g, _savedMat2.Unpack(this).T, _alpha)) : null,
        _mat2.RequiresGrad ? _mat2.Reduce(LinearAlgebra.ScaledMm(_savedMat1.Unpack(this).T, g, _alpha)) : null,
    ];

    internal override void Release()
    {
        _savedMat1.Release();
        _savedMat2.Release();
    }
}
