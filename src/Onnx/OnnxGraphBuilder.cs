using System.Globalization;
using Google.Protobuf;
using StaticNet.OnnxFormat;

namespace StaticNet.OnnxExport;

/// <summary>A value of the graph being built: its ONNX name and its shape at the export's batch size.</summary>
internal readonly record struct OnnxValue(string Name, long[] Shape)
{
    public int Rank => Shape.Length;
}

/// <summary>
/// Collects an ONNX graph: nodes named as torch.onnx names them (<c>/fc1/Gemm</c>, output <c>/fc1/Gemm_output_0</c>),
/// initializers named as the state dict (<c>fc1.weight</c>), and scalar constants as Constant nodes (so the
/// initializers stay exactly the state dict).
/// </summary>
internal sealed class OnnxGraphBuilder(DType dtype)
{
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _initializerNames = new(StringComparer.Ordinal);
    private int _constants;

    public GraphProto Graph { get; } = new();

    /// <summary>The element type of the model's parameters, input and output.</summary>
    public DType DType { get; } = dtype;

    public TensorProto.Types.DataType ElementType => ElementTypeOf(DType);

    /// <summary>Adds a node <paramref name="opType"/> in scope <paramref name="scope"/> (a module path) and returns its first output's name.</summary>
    public string Node(string opType, string scope, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        string name = UniqueNodeName("/" + (scope.Length == 0 ? "" : scope.Replace('.', '/') + "/") + opType);
        var node = new NodeProto { Name = name, OpType = opType, Output = { name + "_output_0" } };
        node.Input.AddRange(inputs);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return node.Output[0];
    }

    /// <summary>Adds a parameter or buffer as an initializer under its state-dict name; returns the name.</summary>
    public string Initializer(string stateDictName, Tensor value)
    {
        if (!_initializerNames.Add(stateDictName))
            throw new InvalidOperationException($"Onnx.Export: the state-dict entry '{stateDictName}' was exported twice (a module reused in the graph is not supported).");
        var tensor = TensorOf(value.Detach(), stateDictName);
        Graph.Initializer.Add(tensor);
        return stateDictName;
    }

    /// <summary>A scalar of the model's dtype as a Constant node (GELU's 0.5, a BatchNorm without affine's ones).</summary>
    public string Scalar(string scope, double value) => Constant(scope, Torch.Full([], value, DType));

    /// <summary>A constant tensor as a Constant node.</summary>
    public string Constant(string scope, Tensor value)
    {
        string name = Node("Constant", scope, [], Attribute("value", TensorOf(value, "constant_" + _constants++.ToString(CultureInfo.InvariantCulture))));
        return name;
    }

    /// <summary>An int64 vector as a Constant node (Reshape's target shape).</summary>
    public string Int64s(string scope, long[] values)
    {
        var tensor = new TensorProto { DataType = (int)TensorProto.Types.DataType.Int64, Name = "shape_" + _constants++.ToString(CultureInfo.InvariantCulture) };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        return Node("Constant", scope, [], Attribute("value", tensor));
    }

    /// <summary>A tensor type with <paramref name="shape"/>; dimension 0 becomes the symbol <c>batch</c> when <paramref name="dynamicBatch"/>.</summary>
    public ValueInfoProto ValueInfo(string name, long[] shape, bool dynamicBatch)
    {
        var tensorShape = new TensorShapeProto();
        for (int i = 0; i < shape.Length; i++)
            tensorShape.Dim.Add(i == 0 && dynamicBatch ? new TensorShapeProto.Types.Dimension { DimParam = "batch" } : new TensorShapeProto.Types.Dimension { DimValue = shape[i] });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)ElementType, Shape = tensorShape } },
        };
    }

    public static AttributeProto Attribute(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attribute(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Attribute(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Attribute(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Attribute(string name, TensorProto value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = value };

    private string UniqueNodeName(string name)
    {
        if (_nodeNames.Add(name)) return name;
        for (int i = 1; ; i++)
        {
            string candidate = name + "_" + i.ToString(CultureInfo.InvariantCulture);
            if (_nodeNames.Add(candidate)) return candidate;
        }
    }

    private static TensorProto TensorOf(Tensor value, string name)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)ElementTypeOf(value.DType) };
        tensor.Dims.AddRange(value.Shape.ToArray());
        var contiguous = value.To("cpu").Contiguous();
        // raw_data is little-endian, as the machine's memory on every platform .NET runs on here.
        byte[] bytes = value.DType switch
        {
            DType.Float32 => System.Runtime.InteropServices.MemoryMarshal.AsBytes(contiguous.ContiguousSpan<float>()).ToArray(),
            DType.Float64 => System.Runtime.InteropServices.MemoryMarshal.AsBytes(contiguous.ContiguousSpan<double>()).ToArray(),
            _ => throw new NotSupportedException($"Onnx.Export: '{name}' has dtype {value.DType.PyTorchName()}; only float32 and float64 tensors are exported."),
        };
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Onnx.Export writes raw_data little-endian and needs a little-endian machine.");
        tensor.RawData = ByteString.CopyFrom(bytes);
        return tensor;
    }

    private static TensorProto.Types.DataType ElementTypeOf(DType dtype) => dtype switch
    {
        DType.Float32 => TensorProto.Types.DataType.Float,
        DType.Float64 => TensorProto.Types.DataType.Double,
        _ => throw new NotSupportedException($"Onnx.Export: models with dtype {dtype.PyTorchName()} are not exported; float32 and float64 are."),
    };
}
