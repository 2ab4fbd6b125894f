namespace StaticNet.IO.Pth;

// The numpy objects a pickled CIFAR-10 batch holds, as the restricted unpickler builds them: descriptions filled in
// by BUILD, never numpy code.

/// <summary>A <c>numpy.ndarray</c> of uint8: made empty by <c>_reconstruct</c>, then given its shape and bytes by BUILD.</summary>
internal sealed class NumpyArray
{
    /// <summary>The dimensions, once BUILD set them.</summary>
    public long[]? Shape { get; set; }

    /// <summary>The elements in C order (one byte each), once BUILD set them.</summary>
    public byte[]? Data { get; set; }
}

/// <summary>A <c>numpy.dtype</c>; only <c>'u1'</c> (uint8), the dtype of CIFAR-10's images, is read.</summary>
internal sealed class NumpyDType(string descr)
{
    /// <summary>The type string <c>numpy.dtype</c> was called with (<c>'u1'</c>).</summary>
    public string Descr { get; } = descr;

    /// <summary>True once BUILD gave it its state (byte order, fields): an array may only use a complete dtype.</summary>
    public bool Built { get; set; }
}

/// <summary>The callables and classes a pickled numpy batch may name with GLOBAL; nothing else is ever resolved.</summary>
internal enum NumpyGlobal
{
    /// <summary><c>_codecs.encode</c>: Python 3's protocol-2 form of <c>bytes</c>, <c>encode('…', 'latin1')</c>.</summary>
    CodecsEncode,

    /// <summary><c>__builtin__.bytes</c>: Python 3's protocol-2 form of an empty <c>bytes</c>.</summary>
    Bytes,

    /// <summary><c>numpy.core.multiarray._reconstruct</c>: makes an empty array for BUILD to fill.</summary>
    Reconstruct,

    /// <summary><c>numpy.ndarray</c>, the class <c>_reconstruct</c> is given.</summary>
    Ndarray,

    /// <summary><c>numpy.dtype</c>.</summary>
    DType,
}
