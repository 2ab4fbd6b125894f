namespace StaticNet.Kernels.Ilgpu;

/// <summary>The two GEMM kernels of the ILGPU backend (<see cref="IlgpuBackend.GemmKernel"/> says which a device runs).</summary>
internal enum GemmKernel
{
    /// <summary>Tiles of A and B in group shared memory, two barriers per k tile (<see cref="IlgpuKernels.Gemm16{T}"/>): a GPU's kernel.</summary>
    SharedMemoryTiles,

    /// <summary>4×4 blocks of C in registers, no barrier (<see cref="IlgpuKernels.GemmBlocks{T}"/>): ILGPU's CPU accelerator's kernel.</summary>
    RegisterBlocks,
}
