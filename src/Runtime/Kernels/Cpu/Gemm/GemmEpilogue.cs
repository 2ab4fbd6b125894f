using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels.Cpu.Gemm;

/// <summary>
/// What a GEMM does to each finished tile of C while it is still in L1: <c>C = act(C + bias[col])</c>, act being the
/// identity or ReLU and the bias optional (a Linear's forward in one pass over its output).
/// </summary>
/// <remarks>
/// The driver applies it once per tile, after the last depth block has been accumulated, so it sees the final
/// <c>alpha·A·B + beta·C</c>. ReLU keeps NaN (as <c>torch.relu</c> does). The default value does nothing.
/// </remarks>
internal readonly unsafe struct GemmEpilogue<T>(T* bias, bool relu) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>One value per column of C (contiguous), or null.</summary>
    public T* Bias { get; } = bias;

    /// <summary>Whether ReLU follows the bias.</summary>
    public bool Relu { get; } = relu;

    /// <summary>True when the epilogue changes nothing (no bias, no activation).</summary>
    public bool IsNone => Bias == null && !Relu;

    /// <summary>Applies the epilogue to the <paramref name="rows"/> x <paramref name="cols"/> block at c, whose first column is column col0 of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Apply(StridedMatrix<T> c, int rows, int cols, int col0)
    {
        if (IsNone) return;
        T* bias = Bias == null ? null : Bias + col0;
        if (c.ColStride != 1)
        {
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                    *c.At(i, j) = Act(bias == null ? *c.At(i, j) : *c.At(i, j) + bias[j]);
            return;
        }
        for (int i = 0; i < rows; i++) Row(c.Data + i * c.RowStride, bias, cols);
    }

    /// <summary>One contiguous row segment.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Row(T* row, T* bias, int cols)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            int w = Vector256<T>.Count;
            for (; j + w <= cols; j += w)
            {
                var v = Vector256.Load(row + j);
                if (bias != null) v += Vector256.Load(bias + j);
                if (Relu) v = Vector256.Max(v, Vector256<T>.Zero);
                Vector256.Store(v, row + j);
            }
        }
        for (; j < cols; j++) row[j] = Act(bias == null ? row[j] : row[j] + bias[j]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T Act(T x) => Relu ? T.Max(x, T.Zero) : x;
}
