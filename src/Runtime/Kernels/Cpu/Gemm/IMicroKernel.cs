using System.Numerics;

namespace StaticNet.Kernels.Cpu.Gemm;

/// <summary>
/// A register-blocked GEMM micro-kernel: one <see cref="MR"/> x <see cref="NR"/> tile of C from a packed A
/// micro-panel (<c>kc</c> columns of <see cref="MR"/> values) and a packed B micro-panel (<c>kc</c> rows of
/// <see cref="NR"/> values).
/// </summary>
/// <remarks>
/// The tile is written as <c>c = alpha * (A·B) + beta * c</c> with unit column stride and row stride
/// <c>rsc</c>; <c>beta == 0</c> never reads c, so NaN or garbage there is overwritten (BLAS semantics).
/// Right-edge tiles and non-unit column strides go through a scratch tile in <see cref="GemmDriver{T, TKernel}"/>.
/// </remarks>
internal unsafe interface IMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows of the tile (the A micro-panel height).</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the tile (the B micro-panel width): a multiple of the vector width.</summary>
    static abstract int NR { get; }

    /// <summary>Computes one full tile.</summary>
    static abstract void Run(int kc, T* a, T* b, T* c, long rsc, T alpha, T beta);

    /// <summary>
    /// Computes and writes only the first <paramref name="rows"/> (&lt; MR) rows of a tile whose A panel is padded to
    /// MR rows: the bottom edge of C (M = 64 with 12-row tiles is 5 full tiles and one of 4 rows).
    /// </summary>
    static abstract void RunRows(int rows, int kc, T* a, T* b, T* c, long rsc, T alpha, T beta);
}
