using System.Collections.Generic;
using System.Linq;
using System.Threading;
using StaticNet.Compiler.Graph;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Shapes;

namespace StaticNet.Generators.Emit;

/// <summary>
/// Emits the fused plan of a model's value graph (<see cref="GraphLowering"/>): <c>Forward</c> runs the ops in
/// topological order — each Linear and Conv2d a GEMM with a bias/activation epilogue, pooling by the runtime's kernels,
/// residual sums and products element-wise — into a workspace sized once per batch size, and records ONE node,
/// <c>&lt;Model&gt;Backward0</c>, whose backward is the chain rule written out per op in reverse order, adding up the
/// gradients of values read by several ops; <c>Predict</c> runs the same plan without a node, with Dropout off. The
/// bodies are generic over the element type (Float32 or Float64, dispatched on the input's dtype); every step is a call
/// of <c>StaticNet.Fused.FusedOps</c>, the one class of support calls generated plans make.
/// </summary>
internal static partial class FusedEmitter
{
    private const string Ops = "global::StaticNet.Fused.FusedOps";
    private const string Act = "global::StaticNet.Fused.FusedActivation";
    private const string TensorType = LayerEmitter.Tensor;
    private const string Constraint = "where T : unmanaged, global::System.Numerics.IFloatingPointIeee754<T>";
    // A workspace buffer: host memory on the CPU, device memory on a GPU device (FusedOps dispatches on it).
    private const string Buffer = "global::StaticNet.Fused.PlanBuffer";

    public static void Emit(SourceWriter w, InferredModel inferred, PlanGraph graph, CancellationToken cancellationToken)
    {
        var model = inferred.Model;
        var forward = model.Forward!;
        string p = forward.ParameterName;
        string node = model.ClassName + "Backward0";
        string input = inferred.Values[0].ToCompactString();
        var outputShapes = forward.Outputs.Select(o => inferred.Values[o].ToCompactString()).ToList();
        string output = graph.ReturnsTuple ? "(" + string.Join(", ", outputShapes) + ")" : outputShapes[0];
        // A tuple [Forward] (seed 003's `return (output, hidden)`) hides Module.Forward with one returning the tuple.
        string returnType = graph.ReturnsTuple ? forward.ReturnType : TensorType;
        var layers = graph.Ops.OfType<ParameterOp>().ToList();
        string modules = string.Join(", ", layers.Select((_, i) => "l" + i));
        string parameters = Parameters(layers, "l");
        string planTensors = parameters + RunningStatistics(layers, "l");
        string rank = Literals.Of(model.Input.Count);

        w.WriteLine("private object? _workspace, _predictWorkspace; // a FusedWorkspace<float> or <double>");
        w.WriteLine("private FusedShapes? _shapes; // the sizes of the last input shape the plan ran");
        w.WriteLine();
        w.WriteLine($"/// <summary>The forward pass ({input} → {output}), fused: each Linear and Conv2d is a GEMM with its bias and activation as an");
        w.WriteLine($"/// epilogue, activations live in a workspace reused while the batch size and sample shape are unchanged, and the output");
        w.WriteLine($"/// records one node, <c>{node}</c>, whose backward is generated. Float32 and Float64 run the plan, at any input size the");
        w.WriteLine($"/// layers take, on the device of the parameters (and input); other inputs (another dtype or rank, or parameters of");
        w.WriteLine($"/// another dtype) run <see cref=\"{forward.MethodName}\"/> eagerly.</summary>");
        w.WriteLine($"/// <param name=\"{p}\">The input batch, {input}.</param>");
        w.WriteLine($"public {(graph.ReturnsTuple ? "new" : "override")} {returnType} Forward({TensorType} {p})");
        using (w.OpenBlock())
        {
            WriteDispatch(w, graph, layers, p, rank, planTensors, modules, predict: false);
            w.WriteLine($"return {forward.MethodName}({p});");
        }
        w.WriteLine();
        if (graph.ReturnsTuple)
        {
            w.WriteLine($"/// <summary>The first output, <c>{forward.OutputNames[0]}</c>, for code that sees this model as a Module.</summary>");
            w.WriteLine($"/// <param name=\"{p}\">The input batch.</param>");
            w.WriteLine($"protected override {TensorType} ForwardFirst({TensorType} {p}) => Forward({p}).Item1;");
            w.WriteLine();
        }
        w.WriteLine($"/// <summary>Inference ({input} → {output}): the fused plan with no node and Dropout off, in its own workspace.</summary>");
        w.WriteLine($"/// <param name=\"{p}\">The input batch, {input}.</param>");
        w.WriteLine($"public {returnType} Predict({TensorType} {p})");
        using (w.OpenBlock())
        {
            WriteDispatch(w, graph, layers, p, rank, planTensors, modules, predict: true);
            w.WriteLine("bool training = Training;");
            w.WriteLine("Eval();");
            w.WriteLine($"try {{ using (global::StaticNet.Torch.NoGrad()) return {forward.MethodName}({p}); }}");
            w.WriteLine("finally { if (training) Train(); }");
        }
        w.WriteLine();
        EmitFused(w, graph, layers, node, outputShapes, returnType);
        w.WriteLine();
        EmitRun(w, graph, layers, cancellationToken);
        w.WriteLine();
        EmitShapes(w, graph, layers);
        w.WriteLine();
        EmitWorkspace(w, graph);
        w.WriteLine();
        EmitNode(w, model.ClassName, graph, layers, cancellationToken);
    }

    // "l0.Weight, l0.Bias, l1.Weight, ...": the recorded parameters in slot order.
    private static string Parameters(List<ParameterOp> layers, string prefix) =>
        string.Join(", ", layers.Select((_, i) => $"{prefix}{i}.Weight, {prefix}{i}.Bias"));

    // "Layers.Conv1", "((global::StaticNet.NN.Conv2d)Layers.Stack[0])", and inside an inlined block through the block's
    // own layers: "((global::StaticNet.Vision.Models.BasicBlock64)Layers.Layer1[0]).Layers.Conv1".
    private static string ModuleExpression(ModuleRef m)
    {
        string layers = m.Owner is null ? "Layers" : ModuleExpression(m.Owner) + ".Layers";
        string type = m.IsBlock ? "global::" + m.TypeName : LayerConstruction.Namespace + m.TypeName;
        return m.Index < 0 ? $"{layers}.{m.Member}" : $"(({type}){layers}.{m.Member}[{m.Index}])";
    }

    private static string ModuleType(ParameterOp op) => LayerConstruction.Namespace + op.Module.TypeName;

    private static void WriteDispatch(SourceWriter w, PlanGraph graph, List<ParameterOp> layers, string p, string rank, string parameters, string modules,
        bool predict)
    {
        // A replaced layer of another type or other options than the plan was compiled for (LayerEmitter: PlanFits) runs the
        // eager path after this block; one of other sizes runs the plan. Inlined blocks are checked outermost first, so each
        // cast holds.
        w.WriteLine("if (Layers.PlanFits" + string.Concat(graph.Blocks.Select(b => $"\n    && {ModuleExpression(b)}.Layers.PlanFits")) + ")");
        using (w.OpenBlock())
        {
            for (int i = 0; i < layers.Count; i++) w.WriteLine($"var l{i} = {ModuleExpression(layers[i].Module)};");
            w.WriteLine($"var dtype = {Ops}.PlanType({p}, {rank}, {parameters});");
            w.WriteLine($"if (dtype is not null && PlanShapes({p}, {modules}) is {{ }} shapes)");
            using (w.OpenBlock())
            {
                string args = $"{p}, {Literals.Of(predict)}, shapes, {modules}";
                w.WriteLine($"if (dtype == global::StaticNet.DType.Float32) return Fused<float>({args});");
                w.WriteLine($"return Fused<double>({args});");
            }
        }
    }

    private static void EmitFused(SourceWriter w, PlanGraph graph, List<ParameterOp> layers, string node, List<string> outputShapes, string returnType)
    {
        string args = string.Join(", ", layers.Select((l, i) => $"{ModuleType(l)} l{i}"));
        string modules = string.Join(", ", layers.Select((_, i) => "l" + i));
        w.WriteLine("// The plan in T: Forward records the node (when grad mode is on and something requires grad); Predict never does.");
        w.WriteLine($"private {returnType} Fused<T>({TensorType} x, bool predict, FusedShapes shapes, {args}) {Constraint}");
        using (w.OpenBlock())
        {
            w.WriteLine("int batch = (int)x.Size(0);");
            w.WriteLine($"bool record = !predict && {Ops}.ShouldRecord(x, {Parameters(layers, "l")});");
            w.WriteLine("var ws = (predict ? _predictWorkspace : _workspace) as FusedWorkspace<T>;");
            w.WriteLine("// A workspace still held by a node whose backward has not run yet is left to it.");
            w.WriteLine("if (ws is null || ws.Batch != batch || ws.Shapes != shapes || ws.Held || ws.Device != x.Device)");
            using (w.OpenBlock())
            {
                w.WriteLine("ws = new FusedWorkspace<T>(batch, shapes, x.Device);");
                w.WriteLine("if (predict) _predictWorkspace = ws;");
                w.WriteLine("else _workspace = ws;");
            }
            string flags = string.Concat(graph.Ops.OfType<DropoutOp>().Select(d => $"!predict && {ModuleExpression(d.Module)}.Training, ")) +
                           BatchNormFlags(graph, layers);
            w.WriteLine($"Run(ws, x, batch, {flags}{modules});");
            if (!graph.ReturnsTuple)
            {
                w.WriteLine($"var result = {Ops}.Output<T>(ws.V{graph.Output}, batch, shapes.Out0); // {outputShapes[0]} at the declared size");
                w.WriteLine("if (!record) return result;");
                w.WriteLine("ws.Held = true;");
                w.WriteLine($"return {Ops}.Record(result, new {node}<T>(ws, x, {modules}), x, {Parameters(layers, "l")});");
                return;
            }
            // One tensor per item, all outputs of ONE node: a backward through either or both runs the generated chain rule once.
            for (int k = 0; k < graph.Outputs.Count; k++)
                w.WriteLine($"var result{k} = {Ops}.Output<T>(ws.V{graph.Outputs[k]}, batch, shapes.Out{k}); // {outputShapes[k]} at the declared size");
            string results = string.Join(", ", graph.Outputs.Select((_, k) => "result" + k));
            w.WriteLine($"if (!record) return ({results});");
            w.WriteLine("ws.Held = true;");
            w.WriteLine($"{Ops}.RecordOutputs(new {node}<T>(ws, x, {modules}), [x, {Parameters(layers, "l")}], {results});");
            w.WriteLine($"return ({results});");
        }
    }

    private static void EmitRun(SourceWriter w, PlanGraph graph, List<ParameterOp> layers, CancellationToken cancellationToken)
    {
        string flags = string.Concat(graph.Ops.OfType<DropoutOp>().Select(d => $"bool dropout{d.Output}, ")) + BatchNormParameters(graph);
        string args = string.Join(", ", layers.Select((l, i) => $"{ModuleType(l)} l{i}"));
        w.WriteLine("// The forward plan in topological order: value 0 is the input (row-major); op k writes value k + 1.");
        w.WriteLine($"private static void Run<T>(FusedWorkspace<T> ws, {TensorType} x, int batch, {flags}{args}) {Constraint}");
        using (w.OpenBlock())
        {
            w.WriteLine("var sz = ws.Shapes;");
            w.WriteLine($"{Ops}.CopyInput<T>(x, ws.V0);");
            int li = 0;
            foreach (var op in graph.Ops)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int i = op.Inputs[0], o = op.Output;
                switch (op)
                {
                    case LinearOp or Conv2dOp when FoldedBatchNorm(graph, op) is { } folded:
                        EmitFoldedLayer(w, layers, op, li, folded);
                        li++;
                        break;
                    case BatchNormOp bn:
                        EmitBatchNorm(w, bn, li);
                        li++;
                        break;
                    case LinearOp or Conv2dOp:
                        w.WriteLine(LayerForward((ParameterOp)op, li));
                        li++;
                        break;
                    case Pool2dOp pool when pool.IsMax:
                        w.WriteLine($"{Ops}.MaxPool2d<T>(ws.V{i}, batch, sz.Pool{o}, ws.I{o}, ws.V{o}); // {pool.Name}, argmax saved for the backward");
                        break;
                    case Pool2dOp pool:
                        w.WriteLine($"{Ops}.AvgPool2d<T>(ws.V{i}, batch, sz.Pool{o}, ws.V{o}); // {pool.Name}");
                        break;
                    case ActivationOp a:
                        w.WriteLine($"{Ops}.Copy<T>(ws.V{i}, ws.V{o}); // {a.Name}");
                        w.WriteLine($"{Ops}.Activation<T>({Act}.{a.Activation}, ws.V{o});");
                        break;
                    case DropoutOp d:
                        w.WriteLine($"// {d.Module.Name}: the mask is drawn from the default generator as F.Dropout draws it; ones when off.");
                        w.WriteLine($"if (dropout{o} && {Literals.Of(d.P)} > 0) {Ops}.DropoutMask<T>(ws.M{o}, {Literals.Of(d.P)});");
                        w.WriteLine($"else {Ops}.Fill<T>(ws.M{o}, T.One);");
                        w.WriteLine($"{Ops}.Multiply<T>(ws.V{i}, ws.M{o}, ws.V{o});");
                        break;
                    case SoftmaxOp sm:
                        w.WriteLine($"{Ops}.Softmax<T>(ws.V{i}, sz.Row{o}, log: {Literals.Of(sm.IsLog)}, ws.V{o}); // {sm.Name}");
                        break;
                    case ElementwiseOp { Broadcasts: true } e:
                        w.WriteLine($"{Ops}.Broadcast<T>(ws.V{i}, ws.V{e.Inputs[1]}, batch, sz.Broadcast{o}, multiply: {Literals.Of(e.IsMultiply)}, ws.V{o}); // {Literals.Comment(e.Source)}");
                        break;
                    case ElementwiseOp e:
                        w.WriteLine($"{Ops}.{(e.IsMultiply ? "Multiply" : "Add")}<T>(ws.V{i}, ws.V{e.Inputs[1]}, ws.V{o}); // {Literals.Comment(e.Source)}");
                        break;
                    case CatOp cat:
                        w.WriteLine($"// {Literals.Comment(cat.Source)}: each input's part of every row, along dimension {Literals.Of(cat.Dim)}.");
                        for (int k = 0; k < cat.Inputs.Count; k++)
                            w.WriteLine($"{Ops}.CatPart<T>(ws.V{cat.Inputs[k]}, batch, sz.Cat{o}, {k}, ws.V{o});");
                        break;
                }
            }
        }
    }

    // The Linear's GEMM or the Conv2d's im2col + GEMM with its bias and activation epilogue, writing the op's output.
    private static string LayerForward(ParameterOp op, int li) => op switch
    {
        LinearOp l => $"{Ops}.Linear<T>(ws.V{l.Inputs[0]}, batch, l{li}.Weight, l{li}.Bias, {Act}.{l.Activation}, ws.V{l.Output}); // {l.Module.Name}",
        Conv2dOp c => $"{Ops}.Conv2d<T>(ws.V{c.Inputs[0]}, batch, sz.H{c.Output}, sz.W{c.Output}, l{li}, {Act}.{c.Activation}, ws.V{c.Output}); // {c.Module.Name}",
        _ => throw new System.ArgumentException($"{op.GetType().Name} is not a Linear or Conv2d", nameof(op)),
    };

    private static void EmitWorkspace(SourceWriter w, PlanGraph graph)
    {
        w.WriteLine("/// <summary>The activations (V), their gradients (G), dropout masks (M), max-pooling argmax indices (I) and, where gradients");
        w.WriteLine("/// add up, a scratch buffer (S) for one batch size and one input sample shape.</summary>");
        w.WriteLine($"private sealed class FusedWorkspace<T> {Constraint}");
        using (w.OpenBlock())
        {
            var values = new List<string>();
            var indices = new List<string>();
            bool scratch = ScratchValues(graph).Count > 0;
            w.WriteLine("public FusedWorkspace(int batch, FusedShapes shapes, global::StaticNet.Device device)");
            using (w.OpenBlock())
            {
                w.WriteLine("Batch = batch;");
                w.WriteLine("Shapes = shapes;");
                w.WriteLine("Device = device;");
                foreach (var value in graph.Values)
                {
                    int v = value.Id;
                    string n = $"shapes.N{v}";
                    var producer = value.Producer >= 0 ? graph.Ops[value.Producer] : null;
                    var names = new List<string> { $"V{v}", $"G{v}" };
                    if (producer is DropoutOp) names.Add($"M{v}");
                    foreach (var name in names) w.WriteLine($"{name} = {Buffer}<T>.Allocate(device, checked((int)(batch * {n})));");
                    values.AddRange(names);
                    if (producer is Pool2dOp { IsMax: true })
                    {
                        w.WriteLine($"I{v} = {Buffer}<long>.Allocate(device, checked((int)(batch * {n})));");
                        indices.Add($"I{v}");
                    }
                }
                EmitBatchNormBuffers(w, graph);
                if (scratch)
                {
                    w.WriteLine($"S = {Buffer}<T>.Allocate(device, checked((int)(batch * shapes.Scratch)));");
                    values.Add("S");
                }
            }
            w.WriteLine();
            w.WriteLine("public int Batch { get; }");
            w.WriteLine();
            w.WriteLine("/// <summary>The sizes of the input sample shape the buffers hold.</summary>");
            w.WriteLine("public FusedShapes Shapes { get; }");
            w.WriteLine();
            w.WriteLine("/// <summary>Where the buffers live: the parameters' device, whose kernels run the plan's steps.</summary>");
            w.WriteLine("public global::StaticNet.Device Device { get; }");
            w.WriteLine();
            w.WriteLine("/// <summary>True while a recorded node still needs these activations for its backward.</summary>");
            w.WriteLine("public bool Held { get; set; }");
            w.WriteLine();
            w.WriteLine($"public readonly {Buffer}<T> {string.Join(", ", values)};");
            if (indices.Count > 0) w.WriteLine($"public readonly {Buffer}<long> {string.Join(", ", indices)};");
            EmitBatchNormFields(w, graph);
        }
    }
}
