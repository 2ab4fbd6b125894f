namespace StaticNet.IO;

/// <summary>The file formats <c>Torch.Save</c> and <c>Torch.Load</c> choose between by extension.</summary>
internal enum SerializationFormat
{
    /// <summary><c>.safetensors</c>: a JSON header and raw little-endian tensor data.</summary>
    Safetensors,
    /// <summary><c>.pth</c> / <c>.pt</c>: PyTorch's zip archive with a pickled object and one record per storage.</summary>
    Pth,
}

internal static class SerializationFormats
{
    /// <summary>The format for <paramref name="path"/>'s extension.</summary>
    /// <exception cref="ArgumentException">The extension is none of .safetensors, .pth, .pt.</exception>
    public static SerializationFormat FromPath(string path, string operation)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var ext = Path.GetExtension(path);
        if (ext.Equals(".safetensors", StringComparison.OrdinalIgnoreCase)) return SerializationFormat.Safetensors;
        if (ext.Equals(".pth", StringComparison.OrdinalIgnoreCase) || ext.Equals(".pt", StringComparison.OrdinalIgnoreCase)) return SerializationFormat.Pth;
        throw new ArgumentException(
            $"{operation}: cannot tell the format of '{path}' from its extension '{ext}'; expected .safetensors, .pth or .pt.", nameof(path));
    }
}
