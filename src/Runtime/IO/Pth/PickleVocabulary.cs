namespace StaticNet.IO.Pth;

/// <summary>
/// What a <see cref="RestrictedUnpickler"/> may build from one kind of file: the few globals GLOBAL resolves (to
/// descriptions, never to code), what REDUCE of each makes, what BUILD may change and whether persistent ids occur.
/// Everything a vocabulary does not name is refused, which is what makes unpickling an untrusted file safe.
/// The <c>error</c> argument makes the unpickler's exception for a refusal (it adds the file and the byte offset).
/// </summary>
internal abstract class PickleVocabulary
{
    /// <summary>What the pickle should hold, for messages: "a state dict".</summary>
    public abstract string Content { get; }

    /// <summary>What writes such pickles, for messages: "torch.save".</summary>
    public abstract string Writer { get; }

    /// <summary>Whether Python 2's byte strings (SHORT_BINSTRING, BINSTRING) occur, which cPickle wrote for <c>str</c>.</summary>
    public virtual bool ReadsByteStrings => false;

    /// <summary>The description GLOBAL <paramref name="module"/>.<paramref name="name"/> stands for; refuses the rest.</summary>
    public abstract object Resolve(string module, string name, Func<string, Exception> error);

    /// <summary>The value REDUCE makes from a resolved <paramref name="func"/> and its argument tuple.</summary>
    public abstract object? Call(object? func, object?[] args, Func<string, Exception> error);

    /// <summary>BUILD: sets <paramref name="state"/> on <paramref name="target"/> (the object stays on the stack).</summary>
    public abstract void Build(object? target, object? state, Func<string, Exception> error);

    /// <summary>BINPERSID: what a persistent id refers to; by default a vocabulary has none.</summary>
    public virtual object PersistentLoad(object? pid, Func<string, Exception> error) =>
        throw error($"has a persistent id, which {Content} never uses");

    /// <summary>A Python int argument.</summary>
    public static long Int(object? v, string what, Func<string, Exception> error) =>
        v as long? ?? throw error($"has a {what} of type {Describe(v)}; expected an int");

    /// <summary>A tuple of Python ints.</summary>
    public static long[] Ints(object? v, string what, Func<string, Exception> error)
    {
        if (v is not object?[] tuple) throw error($"has a {what} of type {Describe(v)}; expected a tuple of ints");
        var r = new long[tuple.Length];
        for (int i = 0; i < r.Length; i++) r[i] = Int(tuple[i], what, error);
        return r;
    }

    /// <summary>A value's Python type, or the global's name, for messages.</summary>
    public static string Describe(object? v) => v switch
    {
        null => "None",
        PyGlobal g => g.ToString(),
        NumpyGlobal g => g.ToString(),
        StorageType s => "torch." + s.Name,
        string => "str",
        byte[] => "bytes",
        long => "int",
        double => "float",
        bool => "bool",
        List<object?> => "list",
        object?[] => "tuple",
        PyDict => "dict",
        NumpyArray => "numpy.ndarray",
        NumpyDType => "numpy.dtype",
        _ => v.GetType().Name,
    };
}
