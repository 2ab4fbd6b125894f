namespace StaticNet;

/// <summary>The kind of a <see cref="Device"/>.</summary>
public enum DeviceType
{
    /// <summary>The CPU: SIMD kernels on all cores.</summary>
    Cpu,
    /// <summary>An NVIDIA GPU through ILGPU's CUDA accelerator.</summary>
    Cuda,
    /// <summary>ILGPU's CPU accelerator: the GPU kernels run on the CPU (for tests on machines without a GPU).</summary>
    IlgpuCpu,
}

/// <summary>Where a tensor's data lives (PyTorch's <c>torch.device</c>): <c>cpu</c>, <c>cuda:0</c> or <c>ilgpu-cpu</c>.</summary>
public sealed record Device(DeviceType Type, int Index = 0)
{
    /// <summary>The CPU.</summary>
    public static Device Cpu { get; } = new(DeviceType.Cpu);

    /// <summary>The first CUDA GPU (<c>cuda:0</c>).</summary>
    public static Device Cuda { get; } = new(DeviceType.Cuda);

    /// <summary>Parses PyTorch's device strings: <c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>, and <c>ilgpu-cpu</c>.</summary>
    /// <exception cref="ArgumentException">The text names no device.</exception>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim().ToLowerInvariant();
        if (s == "cpu") return Cpu;
        if (s == "ilgpu-cpu") return new Device(DeviceType.IlgpuCpu);
        if (s == "cuda") return Cuda;
        if (s.StartsWith("cuda:", StringComparison.Ordinal) &&
            int.TryParse(s.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            return new Device(DeviceType.Cuda, index);
        throw new ArgumentException(
            $"Unknown device '{text}': expected 'cpu', 'cuda', 'cuda:<index>' or 'ilgpu-cpu'.", nameof(text));
    }

    /// <summary>A device string converts to the device it names.</summary>
    public static implicit operator Device(string text) => Parse(text);

    /// <summary>PyTorch's spelling: <c>cpu</c>, <c>cuda:0</c>, <c>ilgpu-cpu</c>.</summary>
    public override string ToString() => Type switch
    {
        DeviceType.Cpu => "cpu",
        DeviceType.Cuda => $"cuda:{Index}",
        _ => "ilgpu-cpu",
    };
}
