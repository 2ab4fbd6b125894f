using System.Globalization;
using System.Text;
using Google.Protobuf;
using StaticNet.NN;
using StaticNet.Tensorboard.Format;

namespace StaticNet.Tensorboard;

/// <summary>
/// A model as the <c>GraphDef</c> (tensorboard/compat/proto/graph.proto) that TensorBoard's Graphs tab draws, laid out
/// as PyTorch's <c>add_graph</c> lays out a traced model: an <c>IO Node</c> <c>input/input</c>, one node per op named
/// <c>&lt;scope&gt;/&lt;n&gt;</c> with its ATen kind (<c>aten::_convolution</c>, <c>aten::relu</c>), each parameter a
/// <c>prim::GetAttr</c> node <c>&lt;layer scope&gt;/&lt;name&gt;/&lt;n&gt;</c>, and <c>output/output.1</c>; scopes are
/// <c>LeNet/Conv2d[conv1]</c> (type[attribute], nested as the state dict nests), so TensorBoard groups each module into a
/// box. Every node carries its <c>_output_shapes</c>.
/// </summary>
/// <remarks>
/// Declared models are walked through the graph the compiler traced (<see cref="ForwardGraph"/>), with its shapes for
/// the F calls and tensor ops; a <see cref="Sequential"/> is walked child by child; a layer's output shape comes from
/// running it on zeros in evaluation mode without autograd (so a replaced layer shows its real width). Any other module is one opaque node of its type, fed by all its parameters.
/// </remarks>
internal sealed class ModelGraph
{
    /// <summary>The GraphDef producer version PyTorch writes (<c>VersionDef(producer=22)</c>).</summary>
    public const int Producer = 22;

    private readonly GraphDef _graph = new() { Versions = new VersionDef { Producer = Producer } };
    private readonly DType _dtype;
    private int _next;

    private ModelGraph(DType dtype) => _dtype = dtype;

    /// <summary>The graph of <paramref name="model"/> applied to an input of shape <paramref name="inputShape"/>.</summary>
    public static GraphDef Build(Module model, long[] inputShape)
    {
        var builder = new ModelGraph(model.Parameters().FirstOrDefault()?.DType ?? DType.Float32);
        // Evaluation mode for the walk (as add_graph traces), then every module's own mode back: NamedModules is
        // pre-order, so a parent's Train never overrides a child's.
        var modes = model.NamedModules().Select(m => (m.Module, m.Module.Training)).ToList();
        model.Eval();
        try
        {
            var input = new Value(builder.Add("input/input", "IO Node", [], inputShape, ""), inputShape);
            var outputs = builder.Walk(model, model.TypeName, input);
            for (int i = 0; i < outputs.Length; i++)
                builder.Add($"output/output.{i + 1}", "IO Node", [outputs[i].Name], outputs[i].Shape, "");
        }
        finally
        {
            foreach (var (module, training) in modes) module.Train(training);
        }
        return builder._graph;
    }

    private readonly record struct Value(string Name, long[] Shape);

    private Value[] Walk(Module module, string scope, Value x)
    {
        if (module is IDeclaredModel declared) return WalkDeclared(module, declared.ForwardGraph, scope, x);
        if (module is Sequential sequential)
        {
            foreach (var (name, child) in sequential.NamedChildren())
            {
                var outputs = Walk(child, ChildScope(scope, name, child), x);
                if (outputs.Length != 1)
                    throw new NotSupportedException($"SummaryWriter.AddGraph: layer '{name}' ({child.TypeName}) in {scope} returns {outputs.Length} tensors; a Sequential passes one tensor on.");
                x = outputs[0];
            }
            return [x];
        }
        long[] shape;
        // An embedding looks indices up, so its probe is integers; every other layer takes the parameters' dtype.
        using (Torch.NoGrad()) shape = module.Forward(Torch.Zeros(x.Shape, module is Embedding ? DType.Int64 : _dtype)).Shape.ToArray();
        return [Layer(module, scope, x, shape)];
    }

    private Value[] WalkDeclared(Module model, ForwardGraph forward, string scope, Value x)
    {
        long batch = x.Shape.Length > 0 ? x.Shape[0] : 1;
        if (!forward.Values[0].At(batch).AsSpan().SequenceEqual(x.Shape))
            throw new ArgumentException(
                $"SummaryWriter.AddGraph: {scope} ({model.TypeName}) takes inputs of shape {forward.Values[0]} (declared by its [Model]), got [{string.Join(", ", x.Shape)}].");
        var children = model.NamedChildren().ToDictionary(c => c.Name, c => c.Module, StringComparer.Ordinal);
        var values = new Value[forward.Values.Count];
        values[0] = x;
        for (int k = 0; k < forward.Ops.Count; k++)
        {
            var op = forward.Ops[k];
            if (op.Kind == ForwardOpKind.Layer)
            {
                if (!children.TryGetValue(op.Target, out var child))
                    throw new InvalidOperationException($"SummaryWriter.AddGraph: the forward graph of {model.TypeName} calls layer '{op.Target}', which the model does not register.");
                // The layer itself gives its output shape (a zoo model's replaced head is wider or narrower than declared).
                var outputs = Walk(child, ChildScope(scope, op.Target, child), values[op.Inputs[0]]);
                if (outputs.Length != 1)
                    throw new NotSupportedException($"SummaryWriter.AddGraph: layer '{op.Target}' ({child.TypeName}) returns {outputs.Length} tensors where '{op.Source}' takes one.");
                values[k + 1] = outputs[0];
                continue;
            }
            string kind = op.Kind switch
            {
                ForwardOpKind.Functional => "aten::" + SnakeCase(op.Target),
                ForwardOpKind.View => op.Source.Contains(".Reshape(", StringComparison.Ordinal) ? "aten::reshape" : "aten::view",
                ForwardOpKind.Flatten => "aten::flatten",
                ForwardOpKind.Add => "aten::add",
                ForwardOpKind.Mul => "aten::mul",
                ForwardOpKind.Cat => "aten::cat",
                _ => "aten::" + SnakeCase(op.Kind.ToString()),
            };
            long[] shape = forward.Values[k + 1].At(batch);
            string name = Add(scope + "/" + NextId(), kind, op.Inputs.Select(i => values[i].Name), shape, "{ source : " + op.Source + " }");
            values[k + 1] = new Value(name, shape);
        }
        return [.. forward.Outputs.Select(o => values[o])];
    }

    /// <summary>One op node for a layer, fed by its input and a <c>prim::GetAttr</c> node per parameter and buffer.</summary>
    private Value Layer(Module layer, string scope, Value x, long[] shape)
    {
        var inputs = new List<string> { x.Name };
        foreach (var (name, parameter) in layer.NamedParameters())
            inputs.Add(Add(scope + "/" + name + "/" + NextId(), "prim::GetAttr", [], parameter.Shape.ToArray(), ""));
        foreach (var (name, buffer) in layer.NamedBuffers())
            inputs.Add(Add(scope + "/" + name + "/" + NextId(), "prim::GetAttr", [], buffer.Shape.ToArray(), ""));
        string extra = layer.ExtraRepr();
        return new Value(Add(scope + "/" + NextId(), AtenKind(layer), inputs, shape, "{ " + extra + " }"), shape);
    }

    private string Add(string name, string op, IEnumerable<string> inputs, long[] shape, string attributes)
    {
        var node = new NodeDef { Name = name, Op = op };
        node.Input.AddRange(inputs);
        node.Attr["attr"] = new AttrValue { S = ByteString.CopyFromUtf8(attributes) };
        var shapeProto = new TensorShapeProto();
        foreach (long d in shape) shapeProto.Dim.Add(new TensorShapeProto.Types.Dim { Size = d });
        node.Attr["_output_shapes"] = new AttrValue { List = new AttrValue.Types.ListValue { Shape = { shapeProto } } };
        _graph.Node.Add(node);
        return name;
    }

    /// <summary>PyTorch's unique value numbers: one counter for the whole graph.</summary>
    private string NextId() => (_next++).ToString(CultureInfo.InvariantCulture);

    /// <summary>PyTorch's scope of a submodule: <c>Type[attribute]</c> under its parent's scope.</summary>
    private static string ChildScope(string scope, string name, Module child) => $"{scope}/{child.TypeName}[{name}]";

    /// <summary>The ATen op a traced layer records (a layer this library does not know keeps its type name).</summary>
    private static string AtenKind(Module layer) => layer switch
    {
        Linear => "aten::linear",
        Conv2d => "aten::_convolution",
        BatchNorm => "aten::batch_norm",
        ReLU => "aten::relu",
        Sigmoid => "aten::sigmoid",
        Tanh => "aten::tanh",
        GELU => "aten::gelu",
        LeakyReLU => "aten::leaky_relu",
        MaxPool2d => "aten::max_pool2d",
        AvgPool2d => "aten::avg_pool2d",
        AdaptiveAvgPool2d => "aten::adaptive_avg_pool2d",
        Flatten => "aten::flatten",
        Unflatten => "aten::unflatten",
        Dropout => "aten::dropout",
        Softmax => "aten::softmax",
        LogSoftmax => "aten::log_softmax",
        Embedding => "aten::embedding",
        _ => layer.TypeName,
    };

    /// <summary><c>MaxPool2d</c> → <c>max_pool2d</c>, <c>LeakyRelu</c> → <c>leaky_relu</c>: the F name as ATen spells it.</summary>
    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
