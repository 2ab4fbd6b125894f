namespace StaticNet.IO.Pth;

/// <summary>
/// The pickles of CIFAR-10's python version (<c>cifar-10-batches-py</c>): dicts of byte strings, ints, lists and one
/// uint8 <c>numpy.ndarray</c>, as Python 2's cPickle wrote them (protocol 2, <c>str</c> as SHORT_BINSTRING/BINSTRING)
/// or as Python 3's <c>pickle.dump(..., protocol=2)</c> writes them (<c>bytes</c> as <c>_codecs.encode(str, 'latin1')</c>).
/// GLOBAL resolves only <c>numpy.core.multiarray._reconstruct</c> (or <c>numpy._core</c>'s), <c>numpy.ndarray</c>,
/// <c>numpy.dtype</c>, <c>_codecs.encode</c> and <c>bytes</c>, to descriptions; everything else is refused by name.
/// </summary>
internal sealed class NumpyBatchVocabulary : PickleVocabulary
{
    // Python's bytes are immutable, so sharing one encoded result per str instance changes nothing the reader sees.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, byte[]> s_encoded = new();

    public static NumpyBatchVocabulary Instance { get; } = new();

    public override string Content => "a CIFAR-10 batch";

    public override string Writer => "Python's pickle";

    public override bool ReadsByteStrings => true;

    public override object Resolve(string module, string name, Func<string, Exception> error) => (module, name) switch
    {
        ("_codecs", "encode") => NumpyGlobal.CodecsEncode,
        ("__builtin__" or "builtins", "bytes") => NumpyGlobal.Bytes,
        ("numpy.core.multiarray" or "numpy._core.multiarray", "_reconstruct") => NumpyGlobal.Reconstruct,
        ("numpy", "ndarray") => NumpyGlobal.Ndarray,
        ("numpy", "dtype") => NumpyGlobal.DType,
        _ => throw error($"refers to the global '{module}.{name}', which is not allowed: StaticNet reads a CIFAR-10 batch with "
            + "only numpy.core.multiarray._reconstruct, numpy.ndarray, numpy.dtype, _codecs.encode and bytes, and never runs code from a file"),
    };

    public override object? Call(object? func, object?[] a, Func<string, Exception> error)
    {
        switch (func)
        {
            case NumpyGlobal.CodecsEncode when a is [string text, string encoding] && encoding is "latin1" or "latin-1":
                {
                    // One str (memo entries share it) encodes to one bytes object, so a pickle that encodes the same
                    // large str again and again through BINGET cannot allocate more than the file holds.
                    if (s_encoded.TryGetValue(text, out var known)) return known;
                    var bytes = GC.AllocateUninitializedArray<byte>(text.Length);
                    for (int i = 0; i < text.Length; i++)
                        bytes[i] = text[i] <= 0xFF ? (byte)text[i] : throw error($"encodes the character U+{(int)text[i]:X4} as latin1, which has no such character");
                    s_encoded.AddOrUpdate(text, bytes);
                    return bytes;
                }
            case NumpyGlobal.Bytes when a.Length == 0:
                return Array.Empty<byte>();
            case NumpyGlobal.Reconstruct when a is [NumpyGlobal.Ndarray, object?[], string or byte[]]:
                return new NumpyArray();
            case NumpyGlobal.DType when a.Length == 3 && Text(a[0]) is { } descr && IsFlag(a[1]) && IsFlag(a[2]):
                if (descr != "u1") throw error($"has a numpy array of dtype '{descr}'; a CIFAR-10 batch holds only uint8 ('u1') arrays");
                return new NumpyDType(descr);
            default:
                throw error($"calls {Describe(func)} with {a.Length} argument(s) ({string.Join(", ", a.Select(Describe))}); a CIFAR-10 batch calls only "
                    + "_codecs.encode(str, 'latin1'), bytes(), numpy.core.multiarray._reconstruct(numpy.ndarray, shape, b'b') and numpy.dtype('u1', align, copy)");
        }
    }

    public override void Build(object? target, object? state, Func<string, Exception> error)
    {
        switch (target)
        {
            case NumpyDType dtype when !dtype.Built:
                // (version, byte order, subarray, names, fields, elsize, alignment, flags); a byte has no byte order.
                if (state is not object?[] { Length: >= 2 } s || s[0] is not (3L or 4L) || Text(s[1]) is not ("|" or "<" or ">" or "="))
                    throw error("sets a numpy.dtype state that is not (3, byteorder, ...)");
                dtype.Built = true;
                break;
            case NumpyArray array when array.Data is null:
                BuildArray(array, state, error);
                break;
            case NumpyDType or NumpyArray:
                throw error($"sets the state of a {Describe(target)} twice");
            default:
                throw error($"uses BUILD on a {Describe(target)}; a CIFAR-10 batch sets state only on numpy arrays and dtypes");
        }
    }

    // ndarray.__setstate__((version, shape, dtype, is_fortran, raw bytes)), as numpy's __reduce__ writes it.
    private static void BuildArray(NumpyArray array, object? state, Func<string, Exception> error)
    {
        if (state is not object?[] { Length: 5 } s || s[0] is not 1L)
            throw error("sets a numpy.ndarray state that is not (1, shape, dtype, is_fortran, data)");
        var shape = Ints(s[1], "numpy array shape", error);
        if (s[2] is not NumpyDType { Built: true }) throw error($"gives a numpy array the dtype {Describe(s[2])}; expected a complete numpy.dtype");
        if (!IsFlag(s[3])) throw error($"gives a numpy array the is_fortran flag {Describe(s[3])}; expected a bool");
        if (s[4] is not byte[] data) throw error($"gives a numpy array data of type {Describe(s[4])}; expected bytes");
        long numel = 1;
        foreach (long d in shape)
        {
            // Stop before the product can overflow: it must equal the data's length anyway.
            if (d < 0 || (d > 0 && numel > data.Length / d + 1)) { numel = -1; break; }
            numel *= d;
        }
        if (numel != data.Length)
            throw error($"declares a uint8 array of shape ({string.Join(", ", shape)}) but holds {data.Length} bytes of data");
        if (s[3] is true or 1L && shape.Count(d => d != 1) > 1)
            throw error("holds a Fortran-ordered numpy array; CIFAR-10's batches are C-ordered");
        array.Shape = shape;
        array.Data = data;
    }

    private static bool IsFlag(object? v) => v is bool or 0L or 1L;

    /// <summary>A str, or a Python 2 byte string read as ASCII; null for anything else.</summary>
    public static string? Text(object? v) => v switch
    {
        string s => s,
        byte[] b => System.Text.Encoding.Latin1.GetString(b),
        _ => null,
    };
}
