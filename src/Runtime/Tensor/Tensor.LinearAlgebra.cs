using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

public partial class Tensor
{
    /// <summary>The inner product of two 1-D tensors of equal length, as a 0-dim tensor (<c>x.dot(y)</c>).</summary>
    /// <param name="other">[n], the same dtype as this [n].</param>
    public Tensor Dot(Tensor other)
    {
        Devices.CheckSame("dot", this, other);
        if (Dim != 1 || other.Dim != 1)
            throw new ArgumentException($"1D tensors expected, but got {Dim}D and {other.Dim}D tensors");
        if (Numel != other.Numel)
            throw new ArgumentException(
                $"inconsistent tensor size, expected tensor [{Numel}] and src [{other.Numel}] to have the same number of elements, but got {Numel} and {other.Numel} elements respectively");
        if (DType != other.DType)
            throw new ArgumentException(
                $"dot : expected both vectors to have same dtype, but found {LinearAlgebra.ScalarTypeName(DType)} and {LinearAlgebra.ScalarTypeName(other.DType)}");
        LinearAlgebra.CheckSupported("dot", DType);
        var result = new Tensor([], DType, Device, zeroed: false);
        Backends.BatchedGemm(Unsqueeze(0), other.Unsqueeze(1), result.AsStrided([1, 1], [1, 1], 0), 1, 0);
        return Graph.ShouldRecord(this, other) ? Graph.Record(result, new DotBackward0(this, other), this, other) : result;
    }

    /// <summary>The matrix product of two 2-D tensors (<c>x.mm(y)</c>): [m, k] · [k, n] → [m, n].</summary>
    public Tensor Mm(Tensor mat2)
    {
        Devices.CheckSame("mm", this, mat2);
        if (Dim != 2) throw new ArgumentException($"mm: self must be a matrix, but got a {Dim}D tensor of shape {Shape}");
        if (mat2.Dim != 2) throw new ArgumentException($"mm: mat2 must be a matrix, but got a {mat2.Dim}D tensor of shape {mat2.Shape}");
        LinearAlgebra.CheckMatrices("mm", this, mat2);
        var result = new Tensor([_shape[0], mat2._shape[1]], DType, Device, zeroed: false);
        Backends.BatchedGemm(this, mat2, result, 1, 0);
        return Graph.ShouldRecord(this, mat2) ? Graph.Record(result, new MmBackward0(this, mat2), this, mat2) : result;
    }

    /// <summary>The matrix-vector product (<c>x.mv(v)</c>): [m, k] · [k] → [m].</summary>
    public Tensor Mv(Tensor vec)
    {
        Devices.CheckSame("mv", this, vec);
        if (Dim != 2 || vec.Dim != 1)
            throw new ArgumentException($"vector + matrix @ vector expected, got {Dim}D and {vec.Dim}D tensors (shapes {Shape} and {vec.Shape})");
        if (_shape[1] != vec._shape[0])
            throw new ArgumentException($"size mismatch, got input ({_shape[0]}x{_shape[1]}) and vec ({vec._shape[0]})");
        LinearAlgebra.CheckSameDType("mv", this, vec);
        var result = new Tensor([_shape[0]], DType, Device, zeroed: false);
        Backends.BatchedGemm(this, vec.Unsqueeze(1), result.Unsqueeze(1), 1, 0);
        return Graph.ShouldRecord(this, vec) ? Graph.Record(result, new MvBackward0(this, vec), this, vec) : result;
    }

    /// <summary>The outer product of two 1-D tensors (<c>torch.outer</c>): [n] ⊗ [m] → [n, m], with type promotion.</summary>
    public Tensor Outer(Tensor vec2)
    {
        if (Dim != 1) throw new ArgumentException($"outer: Expected 1-D argument self, but got {Dim}-D (shape {Shape})");
        if (vec2.Dim != 1) throw new ArgumentException($"outer: Expected 1-D argument vec2, but got {vec2.Dim}-D (shape {vec2.Shape})");
        // Detached so the broadcast product records nothing itself: the one node below covers the whole op.
        var result = Detach().Unsqueeze(1).Mul(vec2.Detach().Unsqueeze(0));
        return Graph.ShouldRecord(this, vec2) ? Graph.Record(result, new OuterBackward0(this, vec2), this, vec2) : result;
    }

    /// <summary>The batched matrix product of two 3-D tensors (<c>x.bmm(y)</c>): [b, m, k] · [b, k, n] → [b, m, n].</summary>
    public Tensor Bmm(Tensor mat2)
    {
        Devices.CheckSame("bmm", this, mat2);
        if (Dim != 3) throw new ArgumentException($"batch1 must be a 3D tensor, but got a {Dim}D tensor of shape {Shape}");
        if (mat2.Dim != 3) throw new ArgumentException($"batch2 must be a 3D tensor, but got a {mat2.Dim}D tensor of shape {mat2.Shape}");
        if (mat2._shape[0] != _shape[0] || mat2._shape[1] != _shape[2])
            throw new ArgumentException(
                $"Expected size for first two dimensions of batch2 tensor to be: [{_shape[0]}, {_shape[2]}] but got: [{mat2._shape[0]}, {mat2._shape[1]}].");
        LinearAlgebra.CheckSameDType("bmm", this, mat2);
        var result = new Tensor([_shape[0], _shape[1], mat2._shape[2]], DType, Device, zeroed: false);
        Backends.BatchedGemm(this, mat2, result, 1, 0);
        return Graph.ShouldRecord(this, mat2) ? Graph.Record(result, new BmmBackward0(this, mat2), this, mat2) : result;
    }

    /// <summary>
    /// The matrix product with PyTorch's rules (<c>torch.matmul</c>, <c>x @ y</c>): 1-D·1-D is a dot product, 2-D·2-D a
    /// matrix product; a 1-D operand is treated as a row (left) or column (right) vector and that dimension removed
    /// from the result; other leading dimensions are batch dimensions and broadcast ([2, 1, 3, 4] @ [5, 4, 2] → [2, 5, 3, 2]).
    /// </summary>
    /// <remarks>
    /// Autograd: 1-D·1-D records <c>DotBackward0</c>, 2-D·1-D <c>MvBackward0</c> and 2-D·2-D <c>MmBackward0</c>, as
    /// PyTorch does. Every other case records one <c>MatmulBackward0</c> whose edges lead straight to the two
    /// operands. PyTorch 1.13 builds those cases from views instead: [2, 3, 4] @ [4, 5] records
    /// UnsafeViewBackward0 ← MmBackward0 ← ReshapeAliasBackward0, and [2, 1, 3, 4] @ [5, 4, 2] records
    /// UnsafeViewBackward0 ← BmmBackward0 ← UnsafeViewBackward0 ← CloneBackward0 ← ExpandBackward0 on each side;
    /// 1-D @ 2-D records SqueezeBackward3 ← MmBackward0 ← UnsqueezeBackward0. <c>MatmulBackward0</c> is the name
    /// PyTorch 2.x's derivatives.yaml gives matmul's own formula (used for nested tensors); the gradients are
    /// identical, with broadcast batch dimensions summed back.
    /// </remarks>
    public Tensor Matmul(Tensor other)
    {
        int da = Dim, db = other.Dim;
        if (da == 0 || db == 0)
            throw new ArgumentException($"both arguments to matmul need to be at least 1D, but they are {da}D and {db}D");
        if (da == 1 && db == 1) return Dot(other);
        if (da == 2 && db == 1) return Mv(other);
        if (da == 2 && db == 2) return Mm(other);
        // On detached operands: the views and the inner product must not record, MatmulBackward0 covers the whole op;
        // the final Detach makes the result a base tensor rather than a view of an intermediate.
        var product = da == 1 && db == 2
            ? Detach().Unsqueeze(0).Mm(other.Detach()).Squeeze(0)
            : LinearAlgebra.BatchedMatmul(Detach(), other.Detach());
        var result = product.Detach();
        return Graph.ShouldRecord(this, other) ? Graph.Record(result, new MatmulBackward0(this, other), this, other) : result;
    }

    /// <summary><c>beta · this + alpha · (mat1 · mat2)</c> (<c>torch.addmm</c>), this broadcast to [m, n]: the affine map of a Linear layer.</summary>
    /// <param name="mat1">[m, k].</param>
    /// <param name="mat2">[k, n].</param>
    /// <param name="beta">Scales this tensor; 0 ignores its values (NaN included).</param>
    /// <param name="alpha">Scales the product.</param>
    /// <remarks>Records <c>AddmmBackward0</c>; the gradient of this tensor is β·G summed over its broadcast dimensions.</remarks>
    public Tensor Addmm(Tensor mat1, Tensor mat2, double beta = 1, double alpha = 1)
    {
        var result = LinearAlgebra.Addmm(this, mat1, mat2, beta, alpha);
        return Graph.ShouldRecord(this, mat1, mat2)
            ? Graph.Record(result, new AddmmBackward0(this, mat1, mat2, beta, alpha), this, mat1, mat2)
            : result;
    }
}
