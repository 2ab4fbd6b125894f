namespace StaticNet.Kernels;

/// <summary>
/// A bool that can sit in a kernel argument: ILGPU passes only blittable structs and <c>bool</c> is not one, so the
/// element rules store their options as this byte, read and written as a bool.
/// </summary>
internal readonly struct KernelFlag(bool on)
{
    private readonly byte _on = on ? (byte)1 : (byte)0;

    public static implicit operator bool(KernelFlag flag) => flag._on != 0;

    public static implicit operator KernelFlag(bool on) => new(on);
}
