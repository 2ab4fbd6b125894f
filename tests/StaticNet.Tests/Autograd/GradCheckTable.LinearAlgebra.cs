namespace StaticNet.Tests.Autograd;

public static partial class GradCheckTable
{
    /// <summary>A non-contiguous 1-D leaf: every other element of a [2n] tensor (stride 2).</summary>
    private static Tensor RS(long n) => C(n, 2).Select(1, 0).Detach().RequiresGrad_();

    /// <summary>A non-contiguous [b, m, k] leaf: the transpose of the last two dimensions of a [b, k, m] tensor.</summary>
    private static Tensor RT3(long b, long m, long k) => C(b, k, m).Transpose(1, 2).Detach().RequiresGrad_();

    internal static readonly GradCase[] LinearAlgebra =
    [
        new("DotBackward0", "two vectors", t => t[0].Dot(t[1]), () => [R(4), R(4)]),
        new("DotBackward0", "strided vector with a constant", t => t[0].Dot(t[1]), () => [RS(3), C(3)]),
        new("DotBackward0", "matmul of [3] and [3]", t => t[0].Matmul(t[1]), () => [R(3), RS(3)]),

        new("MmBackward0", "square [3,3] @ [3,3]", t => t[0].Mm(t[1]), () => [R(3, 3), R(3, 3)]),
        new("MmBackward0", "rectangular [2,3] @ [3,4]", t => t[0].Mm(t[1]), () => [R(2, 3), R(3, 4)]),
        new("MmBackward0", "transposed (non-contiguous) operands", t => Torch.Mm(t[0], t[1]), () => [RT(2, 3), RT(3, 4)]),
        new("MmBackward0", "constant second operand", t => t[0].Mm(t[1]), () => [R(2, 3), C(3, 2)]),
        new("MmBackward0", "matmul of [2,3] and [3,2]", t => t[0].Matmul(t[1]), () => [RT(2, 3), R(3, 2)]),

        new("MvBackward0", "[3,4] @ [4]", t => t[0].Mv(t[1]), () => [R(3, 4), R(4)]),
        new("MvBackward0", "transposed matrix and strided vector", t => Torch.Mv(t[0], t[1]), () => [RT(3, 4), RS(4)]),
        new("MvBackward0", "matmul of [2,3] and [3]", t => t[0].Matmul(t[1]), () => [R(2, 3), R(3)]),

        new("OuterBackward0", "[3] outer [2]", t => t[0].Outer(t[1]), () => [R(3), R(2)]),
        new("OuterBackward0", "strided vectors", t => Torch.Outer(t[0], t[1]), () => [RS(2), RS(3)]),
        new("OuterBackward0", "float32 constant promoted to float64", t => t[0].Outer(t[1]), () => [R(3), C(2).To(DType.Float32)]),

        new("BmmBackward0", "[2,2,3] @ [2,3,2]", t => t[0].Bmm(t[1]), () => [R(2, 2, 3), R(2, 3, 2)]),
        new("BmmBackward0", "transposed batches", t => Torch.Bmm(t[0], t[1]), () => [RT3(2, 3, 2), RT3(2, 2, 3)]),

        new("AddmmBackward0", "Linear: bias [out] + x @ w.T with w a transposed leaf", t => Torch.Addmm(t[0], t[1], t[2]), () => [R(4), R(2, 3), RT(3, 4)]),
        new("AddmmBackward0", "Linear: bias [out] + x @ w.T with a constant weight", t => Torch.Addmm(t[0], t[1], t[2].T), () => [R(4), R(2, 3), C(4, 3)]),
        new("AddmmBackward0", "bias [batch, out]", t => t[0].Addmm(t[1], t[2]), () => [R(2, 4), R(2, 3), R(3, 4)]),
        new("AddmmBackward0", "bias [batch, 1], beta 0.5, alpha -2", t => t[0].Addmm(t[1], t[2], beta: 0.5, alpha: -2), () => [R(2, 1), RT(2, 3), R(3, 4)]),
        new("AddmmBackward0", "0-dim bias, beta 3, alpha 0.25", t => Torch.Addmm(t[0], t[1], t[2], beta: 3, alpha: 0.25), () => [R(), R(2, 2), R(2, 3)]),

        new("MatmulBackward0", "[2,3,4] @ [4,2]", t => t[0].Matmul(t[1]), () => [R(2, 3, 4), R(4, 2)]),
        new("MatmulBackward0", "broadcast [2,1,3,4] @ [5,4,2]", t => t[0].Matmul(t[1]), () => [R(2, 1, 3, 4), R(5, 4, 2)]),
        new("MatmulBackward0", "batched [2,3,4] @ [2,4,2] with a transposed operand", t => t[0].Matmul(t[1]), () => [RT3(2, 3, 4), R(2, 4, 2)]),
        new("MatmulBackward0", "[3,4] @ [2,4,2]", t => Torch.Matmul(t[0], t[1]), () => [R(3, 4), R(2, 4, 2)]),
        new("MatmulBackward0", "[4] @ [2,4,3]", t => t[0].Matmul(t[1]), () => [R(4), R(2, 4, 3)]),
        new("MatmulBackward0", "[2,3,4] @ [4]", t => t[0].Matmul(t[1]), () => [R(2, 3, 4), RS(4)]),
        new("MatmulBackward0", "[3] @ [3,2]", t => t[0].Matmul(t[1]), () => [R(3), RT(3, 2)]),
        new("MatmulBackward0", "[2,3,4] @ constant [4,2]", t => t[0].Matmul(t[1]), () => [R(2, 3, 4), C(4, 2)]),
        new("MatmulBackward0", "constant [1,3,4] @ [2,4,2]", t => t[0].Matmul(t[1]), () => [C(1, 3, 4), R(2, 4, 2)]),
    ];
}
