using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNet.Kernels.Cpu.Gemm;

/// <summary>
/// Per-thread packing buffers, reused across calls so a steady-state GEMM allocates nothing.
/// </summary>
/// <remarks>
/// The arrays live on the pinned object heap (they never move, so a raw pointer stays valid) and the pointers
/// are aligned to 64 bytes for full-width vector loads. Each thread keeps the largest size it has needed;
/// the blocking (GemmBlocking) caps that at MC·KC + KC·NC elements, within the L2 cache.
/// </remarks>
internal static unsafe class GemmBuffers<T> where T : unmanaged
{
    private const int Alignment = 64;

    [ThreadStatic] private static T[]? s_a;
    [ThreadStatic] private static T[]? s_b;

    public static T* PackedA(long length) => Get(ref s_a, length);

    public static T* PackedB(long length) => Get(ref s_b, length);

    private static T* Get(ref T[]? buffer, long length)
    {
        long needed = length + Alignment / sizeof(T);
        if (buffer is null || buffer.Length < needed)
            buffer = GC.AllocateUninitializedArray<T>((int)needed, pinned: true);
        nint p = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (T*)((p + Alignment - 1) & ~(nint)(Alignment - 1));
    }
}
