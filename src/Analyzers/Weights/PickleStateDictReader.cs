using System.Collections.Generic;
using System.Linq;
using System.Text;
using static StaticNet.IO.Pth.PickleOpcodes;

namespace StaticNet.Analyzers.Weights;

/// <summary>
/// Reads the tensor names and shapes from a state dict's <c>data.pkl</c> (pickle protocol 2, as <c>torch.save</c>
/// writes it) without running anything: the few opcodes a state dict uses are interpreted, <c>GLOBAL</c> resolves to
/// names only, and <c>_rebuild_tensor_v2(storage, offset, size, ...)</c> yields its <c>size</c>. A whole-model file
/// (<c>{"state_dict": ...}</c>, as <c>Torch.Save(model)</c> writes) gives its inner state dict.
/// </summary>
internal sealed class PickleStateDictReader
{
    private sealed record PyName(string Name);

    private sealed record TensorShape(long[] Shape);

    private sealed class Dict
    {
        public List<KeyValuePair<object?, object?>> Items { get; } = [];
    }

    private readonly byte[] _data;
    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];
    private readonly string _record;
    private int _pos;

    private PickleStateDictReader(byte[] data, string record)
    {
        _data = data;
        _record = record;
    }

    public static IReadOnlyList<WeightEntry> Read(byte[] pickle, string record)
    {
        var root = new PickleStateDictReader(pickle, record).Run();
        if (root is Dict outer && outer.Items.FirstOrDefault(i => i.Key is "state_dict").Value is Dict inner) root = inner;
        if (root is not Dict dict) throw new WeightsFormatException($"its '{record}' holds no state dict");
        var entries = new List<WeightEntry>();
        foreach (var item in dict.Items)
        {
            if (item.Key is not string key || item.Value is not TensorShape tensor)
                throw new WeightsFormatException($"its '{record}' is not a state dict of named tensors (entry {item.Key ?? "None"})");
            entries.Add(new WeightEntry(key, tensor.Shape));
        }
        return entries;
    }

    private object? Run()
    {
        while (true)
        {
            int at = _pos;
            byte op = Byte();
            switch (op)
            {
                case Proto: Byte(); break;
                case Stop: return _stack.Count == 1 ? _stack[0] : throw Error(at, "ends with a malformed stack");
                case Mark: _marks.Push(_stack.Count); break;
                case Global: _stack.Add(new PyName(Line() + "." + Line())); break;
                case BinPut: _memo[Byte()] = Top(at); break;
                case LongBinPut: _memo[U32()] = Top(at); break;
                case BinGet: _stack.Add(Memo(Byte(), at)); break;
                case LongBinGet: _stack.Add(Memo(U32(), at)); break;
                case EmptyTuple: _stack.Add(new object?[0]); break;
                case TupleFromMark: _stack.Add(PopMark(at).ToArray()); break;
                case Tuple1: case Tuple2: case Tuple3: _stack.Add(PopN(op - Tuple1 + 1, at)); break;
                case BinUnicode: _stack.Add(Encoding.UTF8.GetString(Bytes(checked((int)U32())))); break;
                case BinInt: _stack.Add((long)(int)U32()); break;
                case BinInt1: _stack.Add((long)Byte()); break;
                case BinInt2: _stack.Add((long)(Byte() | (Byte() << 8))); break;
                case Long1: _stack.Add(Long1Value(at)); break;
                case NewTrue: _stack.Add(true); break;
                case NewFalse: _stack.Add(false); break;
                case None: _stack.Add(null); break;
                case BinFloat: Bytes(8); _stack.Add(0.0); break;
                case EmptyDict: _stack.Add(new Dict()); break;
                case EmptyList: _stack.Add(new List<object?>()); break;
                case SetItem: { var v = Pop(at); var k = Pop(at); AsDict(Top(at), at).Items.Add(new(k, v)); break; }
                case SetItems: { var items = PopMark(at); var d = AsDict(Top(at), at); for (int i = 0; i + 1 < items.Count; i += 2) d.Items.Add(new(items[i], items[i + 1])); break; }
                case Append: { var v = Pop(at); AsList(Top(at), at).Add(v); break; }
                case Appends: { var items = PopMark(at); AsList(Top(at), at).AddRange(items); break; }
                case BinPersId: Pop(at); _stack.Add(new PyName("storage")); break; // the storage record is never read
                case Reduce: { var args = Pop(at); var func = Pop(at); _stack.Add(Call(func, args, at)); break; }
                case Build: Pop(at); break; // an OrderedDict's _metadata (module versions)
                default: throw Error(at, $"contains the opcode {Name(op)}, which torch.save's protocol 2 never writes");
            }
        }
    }

    private object? Call(object? func, object? args, int at)
    {
        var a = args as object?[] ?? throw Error(at, "calls REDUCE without an argument tuple");
        switch ((func as PyName)?.Name)
        {
            case "collections.OrderedDict": return new Dict();
            case "torch._utils._rebuild_tensor_v2" when a.Length >= 3 && a[2] is object?[] size && size.All(d => d is long):
                return new TensorShape(size.Select(d => (long)d!).ToArray());
            case "torch._utils._rebuild_parameter" when a.Length >= 1 && a[0] is TensorShape t: return t;
            default: throw Error(at, $"calls {(func as PyName)?.Name ?? "something"}, which a state dict never calls");
        }
    }

    private object? Long1Value(int at)
    {
        int n = Byte();
        if (n > 8) throw Error(at, $"has an integer of {n} bytes");
        var bytes = Bytes(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) v = (v << 8) | bytes[i];
        if (n is > 0 and < 8 && (bytes[n - 1] & 0x80) != 0) v -= 1L << (8 * n);
        return v;
    }

    private static Dict AsDict(object? v, int at) => v as Dict ?? throw new WeightsFormatException($"its pickle sets an item on something other than a dict (at byte {at})");

    private static List<object?> AsList(object? v, int at) => v as List<object?> ?? throw new WeightsFormatException($"its pickle appends to something other than a list (at byte {at})");

    private object? Memo(long index, int at) => _memo.TryGetValue(index, out var v) ? v : throw Error(at, $"reads memo entry {index}, never stored");

    private object? Top(int at) => _stack.Count > 0 ? _stack[_stack.Count - 1] : throw Error(at, "reads from an empty stack");

    private object? Pop(int at)
    {
        if (_stack.Count == 0 || (_marks.Count > 0 && _marks.Peek() == _stack.Count)) throw Error(at, "pops past a mark or an empty stack");
        var v = _stack[_stack.Count - 1];
        _stack.RemoveAt(_stack.Count - 1);
        return v;
    }

    private object?[] PopN(int n, int at)
    {
        var r = new object?[n];
        for (int i = n - 1; i >= 0; i--) r[i] = Pop(at);
        return r;
    }

    private List<object?> PopMark(int at)
    {
        if (_marks.Count == 0) throw Error(at, "has no MARK to pop to");
        int start = _marks.Pop();
        var items = _stack.GetRange(start, _stack.Count - start);
        _stack.RemoveRange(start, _stack.Count - start);
        return items;
    }

    private byte Byte() => Bytes(1)[0];

    private uint U32()
    {
        var b = Bytes(4);
        return (uint)(b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24));
    }

    private byte[] Bytes(int n)
    {
        if (n < 0 || n > _data.Length - _pos) throw Error(_pos, "ends before the pickle is complete (truncated)");
        var b = new byte[n];
        System.Array.Copy(_data, _pos, b, 0, n);
        _pos += n;
        return b;
    }

    private string Line()
    {
        int end = System.Array.IndexOf(_data, (byte)'\n', _pos);
        if (end < 0 || end - _pos > 200) throw Error(_pos, "has an unterminated GLOBAL name");
        var s = Encoding.ASCII.GetString(_data, _pos, end - _pos);
        _pos = end + 1;
        return s;
    }

    private WeightsFormatException Error(int at, string what) => new($"its '{_record}' {what} (at byte {at})");
}
