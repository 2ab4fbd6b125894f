using System.Buffers.Binary;
using System.Text;
using static StaticNet.IO.Pth.PickleOpcodes;

namespace StaticNet.IO.Pth;

/// <summary>
/// Writes a tree of <see cref="PickleValues"/> (plus tensors) as pickle protocol 2, opcode for opcode as CPython's
/// pickler does when <c>torch.save</c> calls it: every string, tuple, dict, list, global and tensor is memoized
/// (BINPUT) and a second reference to the same object is a BINGET. Tensors become
/// <c>torch._utils._rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())</c> with the storage as
/// a persistent id; <see cref="Storages"/> lists the storages to write as <c>data/&lt;key&gt;</c> records.
/// </summary>
internal sealed class PickleWriter
{
    private readonly MemoryStream _out = new();
    private readonly Dictionary<object, int> _memo = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _globals = new(StringComparer.Ordinal);
    private readonly Dictionary<Storage, string> _storageKeys = new(ReferenceEqualityComparer.Instance);
    private int _nextMemo;

    /// <summary>The storages referenced so far, with their keys ("0", "1", ... in order of first use).</summary>
    public List<(string Key, Storage Storage)> Storages { get; } = [];

    /// <summary>Pickles <paramref name="root"/> and returns the bytes of <c>data.pkl</c>.</summary>
    public byte[] Write(object? root)
    {
        _out.WriteByte(Proto);
        _out.WriteByte(2);
        Save(root);
        _out.WriteByte(Stop);
        return _out.ToArray();
    }

    private void Save(object? value)
    {
        if (value is not null && value is not (bool or long or int or double) && _memo.TryGetValue(value, out var index))
        {
            Get(index);
            return;
        }
        switch (value)
        {
            case null: _out.WriteByte(None); break;
            case bool b: _out.WriteByte(b ? NewTrue : NewFalse); break;
            case int i: SaveInt(i); break;
            case long l: SaveInt(l); break;
            case double d:
                _out.WriteByte(BinFloat);
                Span<byte> f = stackalloc byte[8];
                BinaryPrimitives.WriteDoubleBigEndian(f, d); // pickle stores floats big-endian
                _out.Write(f);
                break;
            case string s: SaveString(s); break;
            case object?[] tuple: SaveTuple(tuple); break;
            case List<object?> list: SaveList(list); break;
            case PyDict dict: SaveDict(dict); break;
            case Tensor t: SaveTensor(t); break;
            default: throw new NotSupportedException($"Torch.Save: cannot pickle a value of type {value.GetType().Name}.");
        }
    }

    private void SaveInt(long v)
    {
        if (v is >= 0 and < 256) { _out.WriteByte(BinInt1); _out.WriteByte((byte)v); }
        else if (v is >= 0 and < 65536) { _out.WriteByte(BinInt2); WriteUInt16((ushort)v); }
        else if (v is >= int.MinValue and <= int.MaxValue) { _out.WriteByte(BinInt); WriteUInt32((uint)(int)v); }
        else
        {
            // LONG1: the shortest two's-complement little-endian encoding, as CPython's encode_long.
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(bytes, v);
            int n = 8;
            while (n > 1 && ((bytes[n - 1] == 0 && bytes[n - 2] < 0x80) || (bytes[n - 1] == 0xff && bytes[n - 2] >= 0x80))) n--;
            _out.WriteByte(Long1);
            _out.WriteByte((byte)n);
            _out.Write(bytes[..n]);
        }
    }

    private void SaveString(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        _out.WriteByte(BinUnicode);
        WriteUInt32((uint)bytes.Length);
        _out.Write(bytes);
        Memoize(s);
    }

    private void SaveTuple(object?[] tuple)
    {
        if (tuple.Length == 0) { _out.WriteByte(EmptyTuple); return; } // CPython never memoizes the empty tuple
        if (tuple.Length > 3) _out.WriteByte(Mark);
        foreach (var item in tuple) Save(item);
        _out.WriteByte(tuple.Length switch { 1 => Tuple1, 2 => Tuple2, 3 => Tuple3, _ => TupleFromMark });
        Memoize(tuple);
    }

    private void SaveList(List<object?> list)
    {
        _out.WriteByte(EmptyList);
        Memoize(list);
        Batch(list, Append, Appends);
    }

    private void SaveDict(PyDict dict)
    {
        if (dict.Ordered)
        {
            // OrderedDict pickles through __reduce__: OrderedDict(), then the items added by SETITEM(S).
            SaveGlobal("collections", "OrderedDict");
            _out.WriteByte(EmptyTuple);
            _out.WriteByte(Reduce);
        }
        else _out.WriteByte(EmptyDict);
        Memoize(dict);
        // CPython's _batch_setitems: batches of 1000, SETITEM for a batch of one, MARK ... SETITEMS otherwise.
        for (int start = 0; start < dict.Items.Count; start += 1000)
        {
            int n = Math.Min(1000, dict.Items.Count - start);
            if (n > 1) _out.WriteByte(Mark);
            for (int i = start; i < start + n; i++) { Save(dict.Items[i].Key); Save(dict.Items[i].Value); }
            _out.WriteByte(n > 1 ? SetItems : SetItem);
        }
    }

    private void Batch(List<object?> items, byte one, byte many)
    {
        for (int start = 0; start < items.Count; start += 1000)
        {
            int n = Math.Min(1000, items.Count - start);
            if (n > 1) _out.WriteByte(Mark);
            for (int i = start; i < start + n; i++) Save(items[i]);
            _out.WriteByte(n > 1 ? many : one);
        }
    }

    private void SaveTensor(Tensor t)
    {
        SaveGlobal("torch._utils", "_rebuild_tensor_v2");
        _out.WriteByte(Mark);
        SavePersistentStorage(t.Storage);
        SaveInt(t.StorageOffset);
        SaveTuple(t.ShapeArray.Select(d => (object?)d).ToArray());
        SaveTuple(t.StridesArray.Select(d => (object?)d).ToArray());
        _out.WriteByte(NewFalse); // requires_grad: state dicts hold detached tensors
        SaveDict(new PyDict(ordered: true)); // backward_hooks: an empty OrderedDict
        _out.WriteByte(TupleFromMark);
        Memoize(new object()); // the argument tuple (never referenced again)
        _out.WriteByte(Reduce);
        Memoize(t);
    }

    private void SavePersistentStorage(Storage storage)
    {
        if (!_storageKeys.TryGetValue(storage, out var key))
        {
            key = _storageKeys.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _storageKeys[storage] = key;
            Storages.Add((key, storage));
        }
        var type = StorageType.For(storage.DType);
        _out.WriteByte(Mark);
        Save("storage");
        SaveGlobal("torch", type.Name);
        Save(key);
        Save("cpu");
        SaveInt(storage.Length);
        _out.WriteByte(TupleFromMark);
        Memoize(new object());
        _out.WriteByte(BinPersId);
    }

    private void SaveGlobal(string module, string name)
    {
        var qualified = module + "\n" + name + "\n";
        if (_globals.TryGetValue(qualified, out var index)) { Get(index); return; }
        _out.WriteByte(Global);
        _out.Write(Encoding.ASCII.GetBytes(qualified));
        _globals[qualified] = _nextMemo;
        Put(_nextMemo++);
    }

    private void Memoize(object value)
    {
        _memo[value] = _nextMemo;
        Put(_nextMemo++);
    }

    private void Put(int index)
    {
        if (index < 256) { _out.WriteByte(BinPut); _out.WriteByte((byte)index); }
        else { _out.WriteByte(LongBinPut); WriteUInt32((uint)index); }
    }

    private void Get(int index)
    {
        if (index < 256) { _out.WriteByte(BinGet); _out.WriteByte((byte)index); }
        else { _out.WriteByte(LongBinGet); WriteUInt32((uint)index); }
    }

    private void WriteUInt16(ushort v) { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, v); _out.Write(b); }

    private void WriteUInt32(uint v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); _out.Write(b); }
}
