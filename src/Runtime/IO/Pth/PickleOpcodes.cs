namespace StaticNet.IO.Pth;

/// <summary>The pickle opcodes of protocol 2 that state dicts and CIFAR-10's batches use (CPython's Lib/pickle.py names).</summary>
internal static class PickleOpcodes
{
    public const byte Proto = 0x80;
    public const byte Stop = (byte)'.';
    public const byte Mark = (byte)'(';
    public const byte Global = (byte)'c';
    public const byte BinPut = (byte)'q';
    public const byte LongBinPut = (byte)'r';
    public const byte BinGet = (byte)'h';
    public const byte LongBinGet = (byte)'j';
    public const byte EmptyTuple = (byte)')';
    public const byte TupleFromMark = (byte)'t';
    public const byte Tuple1 = 0x85;
    public const byte Tuple2 = 0x86;
    public const byte Tuple3 = 0x87;
    public const byte Reduce = (byte)'R';
    public const byte Build = (byte)'b';
    public const byte BinPersId = (byte)'Q';
    public const byte BinUnicode = (byte)'X';
    public const byte ShortBinString = (byte)'U';
    public const byte BinString = (byte)'T';
    public const byte BinInt = (byte)'J';
    public const byte BinInt1 = (byte)'K';
    public const byte BinInt2 = (byte)'M';
    public const byte Long1 = 0x8a;
    public const byte NewTrue = 0x88;
    public const byte NewFalse = 0x89;
    public const byte None = (byte)'N';
    public const byte BinFloat = (byte)'G';
    public const byte EmptyDict = (byte)'}';
    public const byte SetItem = (byte)'s';
    public const byte SetItems = (byte)'u';
    public const byte EmptyList = (byte)']';
    public const byte Append = (byte)'a';
    public const byte Appends = (byte)'e';

    /// <summary>The opcode's name in CPython's pickletools, for error messages.</summary>
    public static string Name(byte op) => op switch
    {
        Proto => "PROTO", Stop => "STOP", Mark => "MARK", Global => "GLOBAL", BinPut => "BINPUT", LongBinPut => "LONG_BINPUT",
        BinGet => "BINGET", LongBinGet => "LONG_BINGET", EmptyTuple => "EMPTY_TUPLE", TupleFromMark => "TUPLE", Tuple1 => "TUPLE1",
        Tuple2 => "TUPLE2", Tuple3 => "TUPLE3", Reduce => "REDUCE", Build => "BUILD", BinPersId => "BINPERSID",
        BinUnicode => "BINUNICODE", BinInt => "BININT", BinInt1 => "BININT1", BinInt2 => "BININT2", Long1 => "LONG1",
        NewTrue => "NEWTRUE", NewFalse => "NEWFALSE", None => "NONE", BinFloat => "BINFLOAT", EmptyDict => "EMPTY_DICT",
        SetItem => "SETITEM", SetItems => "SETITEMS", EmptyList => "EMPTY_LIST", Append => "APPEND", Appends => "APPENDS",
        (byte)'i' => "INST", (byte)'o' => "OBJ", 0x81 => "NEWOBJ", 0x92 => "NEWOBJ_EX", 0x93 => "STACK_GLOBAL",
        (byte)'P' => "PERSID", (byte)'S' => "STRING", (byte)'V' => "UNICODE", (byte)'I' => "INT", (byte)'L' => "LONG",
        (byte)'F' => "FLOAT", BinString => "BINSTRING", ShortBinString => "SHORT_BINSTRING", (byte)'B' => "BINBYTES",
        (byte)'C' => "SHORT_BINBYTES", 0x8c => "SHORT_BINUNICODE", 0x94 => "MEMOIZE", 0x95 => "FRAME",
        _ => $"0x{op:x2}",
    };
}
