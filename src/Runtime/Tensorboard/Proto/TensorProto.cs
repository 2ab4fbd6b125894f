namespace StaticNet.Tensorboard.Proto;

/// <summary>
/// <c>tensorboard.TensorProto</c> (tensorboard/compat/proto/tensor.proto) for the one shape the text plugin needs: a
/// 1-element string tensor. Fields: <c>dtype = 1</c> (DataType enum, DT_STRING = 7), <c>tensor_shape = 2</c>
/// (TensorShapeProto: <c>repeated Dim dim = 2</c>, Dim: <c>size = 1</c>), <c>string_val = 8</c> (repeated bytes).
/// </summary>
internal static class TensorProto
{
    /// <summary>DataType.DT_STRING in tensorboard/compat/proto/types.proto.</summary>
    public const int DtString = 7;

    /// <summary>A string tensor of shape [1] holding the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static ProtoWriter StringVector(string text)
    {
        var dim = new ProtoWriter();
        dim.Int64IfSet(1, 1);
        var shape = new ProtoWriter();
        shape.Message(2, dim);
        var tensor = new ProtoWriter();
        tensor.Int64(1, DtString);
        tensor.Message(2, shape);
        tensor.Bytes(8, System.Text.Encoding.UTF8.GetBytes(text));
        return tensor;
    }
}
