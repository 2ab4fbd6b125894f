using System.Runtime.InteropServices;

namespace StaticNet;

/// <summary>Typed access to host (CPU) storages, for the CPU kernels and the host-only APIs.</summary>
internal static class StorageAccess
{
    /// <summary>The storage's elements as T; a Bool storage reads as bytes (0 or 1). Throws, naming the device, for a storage off the host.</summary>
    public static Span<T> Raw<T>(this Storage storage) where T : unmanaged => storage switch
    {
        Storage<T> typed => typed.Span,
        Storage<bool> b when typeof(T) == typeof(byte) => MemoryMarshal.Cast<bool, T>(b.Span),
        _ when storage.Device.Type != DeviceType.Cpu => throw Storage.NotOnHost(storage.Device),
        _ => throw new InvalidOperationException($"Storage of dtype {storage.DType.PyTorchName()} read as {typeof(T).Name}."),
    };
}
