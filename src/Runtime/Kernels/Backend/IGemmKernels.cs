using System.Numerics;

namespace StaticNet.Kernels;

/// <summary>Matrix products: batched strided GEMM over tensors, and the host-memory GEMM of the fused plans.</summary>
internal interface IGemmKernels
{
    /// <summary>c = alpha·a·b + beta·c over [.., m, k]·[.., k, n] operands with any strides (batch dims broadcast).</summary>
    void BatchedGemm(Tensor a, Tensor b, Tensor c, double alpha, double beta);

    /// <summary>c = alpha·a·b + bias (addmm's common case) in one pass when the layout allows; false when it does not.</summary>
    bool TryBatchedGemmWithBias(Tensor a, Tensor b, Tensor c, double alpha, Tensor bias);

    /// <summary>
    /// C = alpha·A·B + beta·C on host memory, then C = act(C + bias[col]) when <paramref name="bias"/> or
    /// <paramref name="relu"/> is given: a CPU plan's Linear layers, whose workspace is host memory (a plan on another
    /// device calls <see cref="BatchedGemm"/> over views of its device workspace).
    /// </summary>
    unsafe void HostGemm<T>(int m, int n, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> b, T beta, StridedMatrix<T> c,
        T* bias = null, bool relu = false) where T : unmanaged, IFloatingPointIeee754<T>;
}
