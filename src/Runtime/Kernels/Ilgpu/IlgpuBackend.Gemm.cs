using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace StaticNet.Kernels.Ilgpu;

internal sealed unsafe partial class IlgpuBackend
{
    public void BatchedGemm(Tensor a, Tensor b, Tensor c, double alpha, double beta) => BatchedGemm(a, b, c, alpha, beta, GemmKernel);

    /// <summary>The batched GEMM with a chosen kernel: the tests run the GPU's tiled kernel on ILGPU's CPU accelerator too.</summary>
    internal void BatchedGemm(Tensor a, Tensor b, Tensor c, double alpha, double beta, GemmKernel kernel)
    {
        switch (c.DType)
        {
            case DType.Float32: Gemm<float>(a, b, c, (float)alpha, (float)beta, kernel); break;
            case DType.Float64: Gemm<double>(a, b, c, alpha, beta, kernel); break;
            case DType.Int64: Gemm<long>(a, b, c, (long)alpha, (long)beta, kernel); break;
            case DType.Int32: Gemm<int>(a, b, c, (int)alpha, (int)beta, kernel); break;
            default: throw new NotSupportedException($"matmul is not implemented for dtype {c.DType.PyTorchName()} on '{Device}'.");
        }
    }

    /// <summary>False: the caller copies the bias into c and runs the GEMM with beta = 1 (no fused epilogue here yet).</summary>
    public bool TryBatchedGemmWithBias(Tensor a, Tensor b, Tensor c, double alpha, Tensor bias) => false;

    private void Gemm<T>(Tensor a, Tensor b, Tensor c, T alpha, T beta, GemmKernel kernel) where T : unmanaged, INumber<T>
    {
        int r = c.Dim;
        long m = c.ShapeSpan[r - 2], n = c.ShapeSpan[r - 1], k = a.ShapeSpan[r - 1];
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            // An empty product: c = beta·c (zero when beta is 0).
            Copy(Torch.ZerosLike(c), c);
            return;
        }
        long batches = ShapeUtil.Numel(c.ShapeSpan[..(r - 2)]);
        var (ta, aBatch) = Batched(a, r);
        var (tb, bBatch) = Batched(b, r);
        var (_, cBatch) = Batched(c, r);
        if (cBatch < 0) throw new NotSupportedException($"matmul on '{Device}': the result's batch dimensions must be collapsible.");
        var s = new GemmShape(m, n, k,
            ta.StorageOffset, ta.StridesSpan[r - 2], ta.StridesSpan[r - 1], aBatch,
            tb.StorageOffset, tb.StridesSpan[r - 2], tb.StridesSpan[r - 1], bBatch,
            c.StorageOffset, c.StridesSpan[r - 2], c.StridesSpan[r - 1], cBatch);
        LaunchGemm(View<T>(c, "matmul"), View<T>(ta, "matmul"), View<T>(tb, "matmul"), s, alpha, beta, batches, kernel);
    }

    /// <summary>
    /// The GEMM over <paramref name="batches"/> products laid out by <paramref name="s"/> (offsets and strides into the
    /// three views), by <paramref name="kernel"/> (this device's <see cref="GemmKernel"/> unless a test picks one):
    /// matmul's and the convolution's one launch.
    /// </summary>
    private void LaunchGemm<T>(ArrayView<T> c, ArrayView<T> a, ArrayView<T> b, GemmShape s, T alpha, T beta, long batches, GemmKernel? kernel = null)
        where T : unmanaged, INumber<T>
    {
        if (s.M == 0 || s.N == 0 || batches == 0) return;
        if ((kernel ?? GemmKernel) == GemmKernel.RegisterBlocks)
        {
            var blocks = Kernel("gemm-blocks", typeof(T), null, acc =>
                acc.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<T>, GemmShape, T, T, long>(IlgpuKernels.GemmBlocks<T>));
            blocks(Grid((s.M + 3) / 4 * ((s.N + 3) / 4) * batches), c, a, b, s, alpha, beta, batches);
            return;
        }
        int tile = GemmTile;
        var config = new KernelConfig(
            new Index3D((int)((s.N + tile - 1) / tile), (int)((s.M + tile - 1) / tile), (int)batches), new Index3D(tile, tile, 1));
        var tiled = tile == 16
            ? Kernel("gemm16", typeof(T), null, acc => acc.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<T>, GemmShape, T, T>(IlgpuKernels.Gemm16<T>))
            : Kernel("gemm4", typeof(T), null, acc => acc.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<T>, GemmShape, T, T>(IlgpuKernels.Gemm4<T>));
        tiled(config, c, a, b, s, alpha, beta);
    }

    /// <summary>
    /// The operand with its leading (batch) dimensions read as one, and that dimension's stride: 0 when it broadcasts
    /// or there is none, -1 (for the result) when the dimensions cannot be collapsed; an operand that cannot is copied.
    /// </summary>
    private (Tensor Operand, long BatchStride) Batched(Tensor t, int rank)
    {
        if (rank == 2) return (t, 0);
        var shape = t.ShapeSpan;
        var strides = t.StridesSpan;
        long stride = -1;
        bool collapsible = true;
        for (int d = rank - 3; d >= 0; d--)
        {
            if (shape[d] == 1) continue;
            if (stride < 0) { stride = strides[d]; continue; }
            long inner = 1;
            for (int e = d + 1; e <= rank - 3; e++) inner *= shape[e];
            if (strides[d] != stride * inner) { collapsible = false; break; }
        }
        if (collapsible) return (t, stride < 0 ? 0 : stride);
        var dense = CloneOnDevice(t);
        return (dense, dense.StridesSpan[rank - 3]);
    }

    public unsafe void HostGemm<T>(int m, int n, int k, T alpha, StridedMatrix<T> a, StridedMatrix<T> b, T beta, StridedMatrix<T> c,
        T* bias = null, bool relu = false) where T : unmanaged, IFloatingPointIeee754<T> =>
        throw Unsupported("the fused plan's GEMM on host workspaces");
}
