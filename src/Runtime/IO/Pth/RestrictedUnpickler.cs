using System.Buffers.Binary;
using System.Text;
using static StaticNet.IO.Pth.PickleOpcodes;

namespace StaticNet.IO.Pth;

/// <summary>
/// Reads the <c>data.pkl</c> of a state-dict file into <see cref="PickleValues"/> without executing anything. Only
/// the protocol-2 opcodes a state dict uses are accepted, and GLOBAL resolves only <c>collections.OrderedDict</c>,
/// <c>torch._utils._rebuild_tensor_v2</c>, <c>torch._utils._rebuild_parameter</c> and the <c>torch.*Storage</c>
/// classes (to descriptions, never to code). Anything else — <c>os.system</c>, <c>builtins.eval</c>, a model class —
/// is rejected by name, which is what makes loading an untrusted file safe (Python's <c>pickle</c> would call it).
/// </summary>
internal sealed class RestrictedUnpickler
{
    private readonly byte[] _data;
    private readonly string _file;
    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];
    private int _pos;
    private int _opStart;

    private RestrictedUnpickler(byte[] data, string file)
    {
        _data = data;
        _file = file;
    }

    /// <summary>Unpickles <paramref name="data"/>; <paramref name="file"/> names the source in errors.</summary>
    /// <exception cref="InvalidDataException">The pickle is malformed or uses an opcode or global a state dict never needs.</exception>
    public static object? Load(byte[] data, string file) => new RestrictedUnpickler(data, file).Run();

    private object? Run()
    {
        while (true)
        {
            _opStart = _pos;
            byte op = ReadByte();
            switch (op)
            {
                case Proto:
                    if (ReadByte() > 2) throw Error("uses pickle protocol above 2; torch.save writes protocol 2");
                    break;
                case Stop:
                    if (_stack.Count != 1 || _marks.Count != 0) throw Error("ends with a malformed stack");
                    return _stack[0];
                case Mark: _marks.Push(_stack.Count); break;
                case Global: Push(ResolveGlobal(ReadLine(), ReadLine())); break;
                case BinPut: _memo[ReadByte()] = Peek(); break;
                case LongBinPut: _memo[ReadUInt32()] = Peek(); break;
                case BinGet: Push(MemoGet(ReadByte())); break;
                case LongBinGet: Push(MemoGet(ReadUInt32())); break;
                case EmptyTuple: Push(Array.Empty<object?>()); break;
                case TupleFromMark: Push(PopMark().ToArray()); break;
                case Tuple1: case Tuple2: case Tuple3: Push(PopN(op - Tuple1 + 1)); break;
                case BinUnicode: Push(ReadUtf8(checked((int)ReadUInt32()))); break;
                case BinInt: Push((long)(int)ReadUInt32()); break;
                case BinInt1: Push((long)ReadByte()); break;
                case BinInt2: Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Read(2))); break;
                case Long1: Push(ReadLong1()); break;
                case NewTrue: Push(true); break;
                case NewFalse: Push(false); break;
                case None: Push(null); break;
                case BinFloat: Push(BinaryPrimitives.ReadDoubleBigEndian(Read(8))); break;
                case EmptyDict: Push(new PyDict(ordered: false)); break;
                case EmptyList: Push(new List<object?>()); break;
                case SetItem: { var v = Pop(); var k = Pop(); AddItems(Peek(), [k, v]); break; }
                case SetItems: { var items = PopMark(); AddItems(Peek(), items); break; }
                case Append: { var v = Pop(); AsList(Peek()).Add(v); break; }
                case Appends: { var items = PopMark(); AsList(Peek()).AddRange(items); break; }
                case BinPersId: Push(PersistentLoad(Pop())); break;
                case Reduce: { var args = Pop(); var func = Pop(); Push(Call(func, args)); break; }
                case Build:
                    {
                        // OrderedDict's state: the _metadata (module versions) that nn.Module.state_dict() attaches; not needed.
                        var state = Pop();
                        if (Peek() is not PyDict || state is not (null or PyDict)) throw Error("uses BUILD on something other than a dict");
                        break;
                    }
                default:
                    throw Error($"contains the opcode {Name(op)}, which a state dict never uses; only the protocol-2 opcodes of torch.save are accepted");
            }
        }
    }

    private object ResolveGlobal(string module, string name)
    {
        if (module == "collections" && name == "OrderedDict") return PyGlobal.OrderedDict;
        if (module == "torch._utils" && name == "_rebuild_tensor_v2") return PyGlobal.RebuildTensorV2;
        if (module == "torch._utils" && name == "_rebuild_parameter") return PyGlobal.RebuildParameter;
        if (module == "torch" && StorageType.Known.TryGetValue(name, out var type)) return type;
        throw Error($"refers to the global '{module}.{name}', which is not allowed: StaticNet loads only state dicts (OrderedDict, "
            + "torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter and the torch Float/Double/Long/Int/Byte/Bool/Half/BFloat16 storages) "
            + "and never runs code from a file; save the model's state_dict() instead of the whole model");
    }

    private object Call(object? func, object? args)
    {
        var a = args as object?[] ?? throw Error("calls REDUCE without an argument tuple");
        switch (func)
        {
            case PyGlobal.OrderedDict when a.Length == 0: return new PyDict(ordered: true);
            case PyGlobal.RebuildTensorV2 when a.Length is 6 or 7:
                if (a[0] is not StorageRef storage) throw Error("rebuilds a tensor from something that is not a storage");
                return new PickledTensor(storage, Int(a[1], "storage_offset"), Ints(a[2], "size"), Ints(a[3], "stride"));
            case PyGlobal.RebuildParameter when a.Length == 3 && a[0] is PickledTensor t: return t;
            default:
                throw Error($"calls {Describe(func)} with {a.Length} argument(s); a state dict calls only OrderedDict(), "
                    + "_rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks) and _rebuild_parameter(data, requires_grad, hooks)");
        }
    }

    private StorageRef PersistentLoad(object? pid)
    {
        if (pid is object?[] { Length: 5 } t && t[0] is "storage" && t[1] is StorageType type && t[2] is string key && t[3] is string location)
        {
            long numel = Int(t[4], "storage size");
            if (numel < 0) throw Error($"declares storage '{key}' with {numel} elements");
            return new StorageRef(key, type, location, numel);
        }
        throw Error("has a persistent id that is not ('storage', torch.<Type>Storage, key, location, numel)");
    }

    private void AddItems(object? target, List<object?> items)
    {
        if (target is not PyDict dict) throw Error("uses SETITEM(S) on something other than a dict");
        if (items.Count % 2 != 0) throw Error("has an odd number of items for SETITEMS");
        for (int i = 0; i < items.Count; i += 2)
        {
            if (items[i] is not (string or long)) throw Error($"has a dict key of type {Describe(items[i])}; expected str or int");
            dict.Add(items[i]!, items[i + 1]);
        }
    }

    private List<object?> AsList(object? target) => target as List<object?> ?? throw Error("uses APPEND(S) on something other than a list");

    private long Int(object? v, string what) => v as long? ?? throw Error($"has a {what} of type {Describe(v)}; expected an int");

    private long[] Ints(object? v, string what)
    {
        if (v is not object?[] tuple) throw Error($"has a {what} of type {Describe(v)}; expected a tuple of ints");
        var r = new long[tuple.Length];
        for (int i = 0; i < r.Length; i++) r[i] = Int(tuple[i], what);
        return r;
    }

    private static string Describe(object? v) => v switch
    {
        null => "None",
        PyGlobal g => g.ToString(),
        StorageType s => "torch." + s.Name,
        _ => v.GetType().Name,
    };

    private object? MemoGet(long index) =>
        _memo.TryGetValue(index, out var v) ? v : throw Error($"reads memo entry {index}, which was never stored");

    private object? ReadLong1()
    {
        int n = ReadByte();
        if (n > 8) throw Error($"has an integer of {n} bytes; the largest allowed is 8");
        var bytes = Read(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) v = (v << 8) | bytes[i];
        if (n is > 0 and < 8 && (bytes[n - 1] & 0x80) != 0) v -= 1L << (8 * n); // sign-extend
        return v;
    }

    private void Push(object? v) => _stack.Add(v);

    private object? Peek() => _stack.Count > 0 ? _stack[^1] : throw Error("reads from an empty stack");

    private object? Pop()
    {
        if (_stack.Count == 0 || (_marks.Count > 0 && _marks.Peek() == _stack.Count)) throw Error("pops past a mark or an empty stack");
        var v = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return v;
    }

    private object?[] PopN(int n)
    {
        var r = new object?[n];
        for (int i = n - 1; i >= 0; i--) r[i] = Pop();
        return r;
    }

    private List<object?> PopMark()
    {
        if (_marks.Count == 0) throw Error("has no MARK to pop to");
        int start = _marks.Pop();
        var items = _stack.GetRange(start, _stack.Count - start);
        _stack.RemoveRange(start, _stack.Count - start);
        return items;
    }

    private byte ReadByte() => Read(1)[0];

    private uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Read(4));

    private ReadOnlySpan<byte> Read(int n)
    {
        if (n < 0 || n > _data.Length - _pos) throw Error("ends before the pickle is complete (truncated data.pkl)");
        var span = _data.AsSpan(_pos, n);
        _pos += n;
        return span;
    }

    private string ReadLine()
    {
        int end = Array.IndexOf(_data, (byte)'\n', _pos);
        if (end < 0 || end - _pos > 200) throw Error("has an unterminated GLOBAL name");
        var s = Encoding.ASCII.GetString(_data, _pos, end - _pos);
        _pos = end + 1;
        return s;
    }

    private string ReadUtf8(int n)
    {
        var bytes = Read(n);
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException) { throw Error("has a string that is not valid UTF-8"); }
    }

    private InvalidDataException Error(string what) =>
        new($"'{_file}': data.pkl {what} (at byte {_opStart}).");
}
