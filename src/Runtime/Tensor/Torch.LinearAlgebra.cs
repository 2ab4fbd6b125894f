namespace StaticNet;

public static partial class Torch
{
    /// <summary>The matrix product with broadcasting (<c>torch.matmul</c>); see <see cref="Tensor.Matmul"/>.</summary>
    public static Tensor Matmul(Tensor input, Tensor other) => input.Matmul(other);

    /// <summary>The product of two matrices (<c>torch.mm</c>): [m, k] · [k, n] → [m, n].</summary>
    public static Tensor Mm(Tensor input, Tensor mat2) => input.Mm(mat2);

    /// <summary>The product of two batches of matrices (<c>torch.bmm</c>): [b, m, k] · [b, k, n] → [b, m, n].</summary>
    public static Tensor Bmm(Tensor input, Tensor mat2) => input.Bmm(mat2);

    /// <summary>The matrix-vector product (<c>torch.mv</c>): [m, k] · [k] → [m].</summary>
    public static Tensor Mv(Tensor input, Tensor vec) => input.Mv(vec);

    /// <summary>The inner product of two 1-D tensors (<c>torch.dot</c>), a 0-dim tensor.</summary>
    public static Tensor Dot(Tensor input, Tensor other) => input.Dot(other);

    /// <summary>The outer product of two 1-D tensors (<c>torch.outer</c>): [n], [m] → [n, m].</summary>
    public static Tensor Outer(Tensor input, Tensor vec2) => input.Outer(vec2);

    /// <summary><c>beta · input + alpha · (mat1 · mat2)</c> (<c>torch.addmm</c>), input broadcast to [m, n].</summary>
    /// <param name="input">The bias: [m, n] or broadcastable to it (a Linear layer passes [n]).</param>
    /// <param name="mat1">[m, k].</param>
    /// <param name="mat2">[k, n].</param>
    /// <param name="beta">Scales <paramref name="input"/>; 0 ignores its values.</param>
    /// <param name="alpha">Scales the product.</param>
    public static Tensor Addmm(Tensor input, Tensor mat1, Tensor mat2, double beta = 1, double alpha = 1) =>
        input.Addmm(mat1, mat2, beta, alpha);
}
