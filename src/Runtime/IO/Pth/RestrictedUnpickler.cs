using System.Buffers.Binary;
using System.Text;
using static StaticNet.IO.Pth.PickleOpcodes;

namespace StaticNet.IO.Pth;

/// <summary>
/// Reads a pickle into plain values (<see cref="PickleValues"/>) and the descriptions a <see cref="PickleVocabulary"/>
/// allows, without executing anything: only the protocol-2 opcodes that such files use are accepted, and GLOBAL
/// resolves only what the vocabulary names. Python's <c>pickle</c> would import and call any global a file names
/// (<c>os.system</c>, <c>builtins.eval</c>); this one refuses them by name, which is what makes loading an untrusted
/// file safe. Every malformed input becomes the exception the caller's <c>error</c> factory makes, with the byte offset.
/// </summary>
internal sealed class RestrictedUnpickler
{
    private readonly byte[] _data;
    private readonly PickleVocabulary _vocabulary;
    private readonly Func<long, string, Exception> _error;
    private readonly Func<string, Exception> _refuse;
    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];
    private int _pos;
    private int _opStart;

    private RestrictedUnpickler(byte[] data, PickleVocabulary vocabulary, Func<long, string, Exception> error)
    {
        _data = data;
        _vocabulary = vocabulary;
        _error = error;
        _refuse = Error;
    }

    /// <summary>Unpickles the <c>data.pkl</c> of a state-dict file; <paramref name="file"/> names the source in errors.</summary>
    /// <exception cref="InvalidDataException">The pickle is malformed or uses an opcode or global a state dict never needs.</exception>
    public static object? Load(byte[] data, string file) =>
        Load(data, StateDictVocabulary.Instance, (at, what) => new InvalidDataException($"'{file}': data.pkl {what} (at byte {at})."));

    /// <summary>Unpickles <paramref name="data"/> with <paramref name="vocabulary"/>; <paramref name="error"/> makes the
    /// exception for a problem at a byte offset (the text says what, e.g. "ends before the pickle is complete").</summary>
    public static object? Load(byte[] data, PickleVocabulary vocabulary, Func<long, string, Exception> error) =>
        new RestrictedUnpickler(data, vocabulary, error).Run();

    private object? Run()
    {
        while (true)
        {
            _opStart = _pos;
            byte op = ReadByte();
            switch (op)
            {
                case Proto:
                    if (ReadByte() > 2) throw Error($"uses pickle protocol above 2; {_vocabulary.Writer} writes protocol 2");
                    break;
                case Stop:
                    if (_stack.Count != 1 || _marks.Count != 0) throw Error("ends with a malformed stack");
                    return _stack[0];
                case Mark: _marks.Push(_stack.Count); break;
                case Global: Push(_vocabulary.Resolve(ReadLine(), ReadLine(), _refuse)); break;
                case BinPut: _memo[ReadByte()] = Peek(); break;
                case LongBinPut: _memo[ReadUInt32()] = Peek(); break;
                case BinGet: Push(MemoGet(ReadByte())); break;
                case LongBinGet: Push(MemoGet(ReadUInt32())); break;
                case EmptyTuple: Push(Array.Empty<object?>()); break;
                case TupleFromMark: Push(PopMark().ToArray()); break;
                case Tuple1: case Tuple2: case Tuple3: Push(PopN(op - Tuple1 + 1)); break;
                case BinUnicode: Push(ReadUtf8(ReadLength(ReadUInt32()))); break;
                case ShortBinString when _vocabulary.ReadsByteStrings: Push(Read(ReadByte()).ToArray()); break;
                case BinString when _vocabulary.ReadsByteStrings: Push(Read(ReadLength(ReadUInt32())).ToArray()); break;
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
                case BinPersId: Push(_vocabulary.PersistentLoad(Pop(), _refuse)); break;
                case Reduce:
                    {
                        var args = Pop();
                        var func = Pop();
                        Push(_vocabulary.Call(func, args as object?[] ?? throw Error("calls REDUCE without an argument tuple"), _refuse));
                        break;
                    }
                case Build: { var state = Pop(); _vocabulary.Build(Peek(), state, _refuse); break; }
                default:
                    throw Error($"contains the opcode {Name(op)}, which {_vocabulary.Content} never uses; only the protocol-2 opcodes of {_vocabulary.Writer} are accepted");
            }
        }
    }

    private void AddItems(object? target, List<object?> items)
    {
        if (target is not PyDict dict) throw Error("uses SETITEM(S) on something other than a dict");
        if (items.Count % 2 != 0) throw Error("has an odd number of items for SETITEMS");
        for (int i = 0; i < items.Count; i += 2)
        {
            if (items[i] is not (string or long or byte[])) throw Error($"has a dict key of type {PickleVocabulary.Describe(items[i])}; expected str, bytes or int");
            dict.Add(items[i]!, items[i + 1]);
        }
    }

    private List<object?> AsList(object? target) => target as List<object?> ?? throw Error("uses APPEND(S) on something other than a list");

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

    /// <summary>A length field, refused when it reaches past the end (so no allocation the file cannot back).</summary>
    private int ReadLength(uint n) => n <= (uint)(_data.Length - _pos) ? (int)n : throw Error($"declares {n} bytes of data where {_data.Length - _pos} remain (truncated pickle)");

    private uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Read(4));

    private ReadOnlySpan<byte> Read(int n)
    {
        if (n < 0 || n > _data.Length - _pos) throw Error("ends before the pickle is complete (truncated)");
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

    private Exception Error(string what) => _error(_opStart, what);
}
