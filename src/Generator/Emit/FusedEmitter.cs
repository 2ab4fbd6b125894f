using System.Collections.Generic;
using System.Linq;
using StaticNet.Compiler.Fusion;
using StaticNet.Compiler.Shapes;

namespace StaticNet.Generators.Emit;

/// <summary>
/// Emits the fused plan of a model (<see cref="FusedLowering"/>): <c>Forward</c> runs each Linear and Conv2d as GEMMs
/// with a bias/activation epilogue, pooling by the runtime's kernels, into a workspace sized once per batch size, and
/// records ONE node, <c>&lt;Model&gt;Backward0</c>, whose backward is the chain rule written out per layer; <c>Predict</c>
/// runs the same plan without a node, with Dropout off. The bodies are generic over the element type (Float32 or
/// Float64, dispatched on the input's dtype); the kernels are <c>StaticNet.Fused.FusedOps</c>.
/// </summary>
internal static partial class FusedEmitter
{
    private const string Ops = "global::StaticNet.Fused.FusedOps";
    private const string Act = "global::StaticNet.Fused.FusedActivation";
    private const string TensorType = LayerEmitter.Tensor;
    private const string Constraint = "where T : unmanaged, global::System.Numerics.IFloatingPointIeee754<T>";

    public static void Emit(SourceWriter w, InferredModel inferred, FusedPlan plan)
    {
        var model = inferred.Model;
        var forward = model.Forward!;
        string p = forward.ParameterName;
        string node = model.ClassName + "Backward0";
        string input = inferred.Values[0].ToCompactString(), output = inferred.Values[forward.Outputs[0]].ToCompactString();
        var layers = plan.Steps.OfType<FusedLayerStep>().ToList();
        string modules = string.Join(", ", layers.Select((_, i) => "l" + i));
        string parameters = Parameters(layers, "l");
        string sample = string.Join(", ", model.Input.Select(Literals.Of));

        w.WriteLine("private object? _workspace, _predictWorkspace; // a FusedWorkspace<float> or <double>");
        w.WriteLine();
        w.WriteLine($"/// <summary>The forward pass ({input} → {output}), fused: each Linear and Conv2d is a GEMM with its bias and activation as an");
        w.WriteLine($"/// epilogue, activations live in a workspace reused while the batch size is unchanged, and the output records one node,");
        w.WriteLine($"/// <c>{node}</c>, whose backward is generated. Float32 and Float64 run the plan; other inputs (another dtype or shape, or");
        w.WriteLine($"/// parameters of another dtype) run <see cref=\"{forward.MethodName}\"/> eagerly.</summary>");
        w.WriteLine($"/// <param name=\"{p}\">The input batch, {input}.</param>");
        w.WriteLine($"public override {TensorType} Forward({TensorType} {p})");
        using (w.OpenBlock())
        {
            WriteDispatch(w, plan, layers, p, sample, parameters, modules, predict: false);
            w.WriteLine($"return {forward.MethodName}({p});");
        }
        w.WriteLine();
        w.WriteLine($"/// <summary>Inference ({input} → {output}): the fused plan with no node and Dropout off, in its own workspace.</summary>");
        w.WriteLine($"/// <param name=\"{p}\">The input batch, {input}.</param>");
        w.WriteLine($"public {TensorType} Predict({TensorType} {p})");
        using (w.OpenBlock())
        {
            WriteDispatch(w, plan, layers, p, sample, parameters, modules, predict: true);
            w.WriteLine("bool training = Training;");
            w.WriteLine("Eval();");
            w.WriteLine($"try {{ using (global::StaticNet.Torch.NoGrad()) return {forward.MethodName}({p}); }}");
            w.WriteLine("finally { if (training) Train(); }");
        }
        w.WriteLine();
        EmitFused(w, plan, layers, node, output);
        w.WriteLine();
        EmitRun(w, plan, layers);
        if (plan.Steps.OfType<FusedPool2d>().Any()) w.WriteLine();
        foreach (var pool in plan.Steps.OfType<FusedPool2d>())
            w.WriteLine($"private static readonly global::StaticNet.Fused.FusedPool2d s_pool{pool.Input + 1} = new({string.Join(", ", pool.Sizes.Select(Literals.Of))}, " +
                        $"countIncludePad: {Literals.Of(pool.CountIncludePad)});");
        w.WriteLine();
        EmitWorkspace(w, plan);
        w.WriteLine();
        EmitNode(w, model.ClassName, plan, layers);
    }

    // "l0.Weight, l0.Bias, l1.Weight, ...": the recorded parameters in slot order.
    private static string Parameters(List<FusedLayerStep> layers, string prefix) =>
        string.Join(", ", layers.Select((_, i) => $"{prefix}{i}.Weight, {prefix}{i}.Bias"));

    private static string ModuleExpression(ModuleRef m) => m.Index < 0
        ? $"Layers.{m.Member}"
        : $"(({LayerConstruction.Namespace}{m.TypeName})Layers.{m.Member}[{m.Index}])";

    private static string ModuleType(FusedLayerStep step) => LayerConstruction.Namespace + step.Module.TypeName;

    private static void WriteDispatch(SourceWriter w, FusedPlan plan, List<FusedLayerStep> layers, string p, string sample, string parameters,
        string modules, bool predict)
    {
        for (int i = 0; i < layers.Count; i++) w.WriteLine($"var l{i} = {ModuleExpression(layers[i].Module)};");
        w.WriteLine($"var dtype = {Ops}.PlanType({p}, [{sample}], {parameters});");
        string args = $"{p}, {Literals.Of(predict)}, {modules}";
        w.WriteLine($"if (dtype == global::StaticNet.DType.Float32) return Fused<float>({args});");
        w.WriteLine($"if (dtype == global::StaticNet.DType.Float64) return Fused<double>({args});");
    }

    private static void EmitFused(SourceWriter w, FusedPlan plan, List<FusedLayerStep> layers, string node, string output)
    {
        string args = string.Join(", ", layers.Select((l, i) => $"{ModuleType(l)} l{i}"));
        string modules = string.Join(", ", layers.Select((_, i) => "l" + i));
        string outputSample = string.Join(", ", plan.OutputSample.Select(Literals.Of));
        int last = plan.Steps.Count;
        w.WriteLine("// The plan in T: Forward records the node (when grad mode is on and something requires grad); Predict never does.");
        w.WriteLine($"private {TensorType} Fused<T>({TensorType} x, bool predict, {args}) {Constraint}");
        using (w.OpenBlock())
        {
            w.WriteLine("int batch = (int)x.Size(0);");
            w.WriteLine($"bool record = !predict && {Ops}.ShouldRecord(x, {Parameters(layers, "l")});");
            w.WriteLine("var ws = (predict ? _predictWorkspace : _workspace) as FusedWorkspace<T>;");
            w.WriteLine("// A workspace still held by a node whose backward has not run yet is left to it.");
            w.WriteLine("if (ws is null || ws.Batch != batch || ws.Held)");
            using (w.OpenBlock())
            {
                w.WriteLine("ws = new FusedWorkspace<T>(batch);");
                w.WriteLine("if (predict) _predictWorkspace = ws;");
                w.WriteLine("else _workspace = ws;");
            }
            string flags = string.Concat(plan.Steps.OfType<FusedDropout>().Select(d => $"!predict && {ModuleExpression(d.Module)}.Training, "));
            w.WriteLine($"Run(ws, x, batch, {flags}{modules});");
            w.WriteLine($"var result = {Ops}.Output<T>(ws.V{last}, batch, [{outputSample}]); // {output}");
            w.WriteLine("if (!record) return result;");
            w.WriteLine("ws.Held = true;");
            w.WriteLine($"return {Ops}.Record(result, new {node}<T>(ws, x, {modules}), x, {Parameters(layers, "l")});");
        }
    }

    private static void EmitRun(SourceWriter w, FusedPlan plan, List<FusedLayerStep> layers)
    {
        string flags = string.Concat(plan.Steps.OfType<FusedDropout>().Select(d => $"bool dropout{d.Input + 1}, "));
        string args = string.Join(", ", layers.Select((l, i) => $"{ModuleType(l)} l{i}"));
        w.WriteLine("// The forward plan: value 0 is the input (row-major); step i reads value i and writes value i + 1.");
        w.WriteLine($"private static void Run<T>(FusedWorkspace<T> ws, {TensorType} x, int batch, {flags}{args}) {Constraint}");
        using (w.OpenBlock())
        {
            w.WriteLine($"{Ops}.CopyInput<T>(x, ws.V0);");
            int li = 0;
            foreach (var step in plan.Steps)
            {
                int i = step.Input, o = i + 1;
                switch (step)
                {
                    case FusedLinear l:
                        w.WriteLine($"{Ops}.Linear<T>(ws.V{i}, batch, l{li}.Weight, l{li}.Bias, {Act}.{l.Activation}, ws.V{o}); // {l.Module.Name}");
                        li++;
                        break;
                    case FusedConv2d c:
                        w.WriteLine($"{Ops}.Conv2d<T>(ws.V{i}, batch, {Literals.Of(c.Height)}, {Literals.Of(c.Width)}, l{li}, {Act}.{c.Activation}, ws.V{o}); // {c.Module.Name}");
                        li++;
                        break;
                    case FusedPool2d pool when pool.IsMax:
                        w.WriteLine($"{Ops}.MaxPool2d<T>(ws.V{i}, batch, s_pool{o}, ws.I{o}, ws.V{o}); // {pool.Name}, argmax saved for the backward");
                        break;
                    case FusedPool2d pool:
                        w.WriteLine($"{Ops}.AvgPool2d<T>(ws.V{i}, batch, s_pool{o}, ws.V{o}); // {pool.Name}");
                        break;
                    case FusedActivationStep a:
                        w.WriteLine($"global::System.MemoryExtensions.CopyTo(ws.V{i}, ws.V{o}); // {a.Name}");
                        w.WriteLine($"{Ops}.Activation<T>({Act}.{a.Activation}, ws.V{o});");
                        break;
                    case FusedDropout d:
                        w.WriteLine($"// {d.Module.Name}: the mask is drawn from the default generator as F.Dropout draws it; ones when off.");
                        w.WriteLine($"if (dropout{o} && {Literals.Of(d.P)} > 0) {Ops}.DropoutMask<T>(ws.M{o}, {Literals.Of(d.P)});");
                        w.WriteLine($"else global::System.Array.Fill(ws.M{o}, T.One);");
                        w.WriteLine($"{Ops}.Multiply<T>(ws.V{i}, ws.M{o}, ws.V{o});");
                        break;
                }
            }
        }
    }

    private static void EmitWorkspace(SourceWriter w, FusedPlan plan)
    {
        w.WriteLine("/// <summary>The activations (V), their gradients (G), dropout masks (M) and max-pooling argmax indices (I) for one batch size.</summary>");
        w.WriteLine($"private sealed class FusedWorkspace<T> {Constraint}");
        using (w.OpenBlock())
        {
            var values = new List<string>();
            var indices = new List<string>();
            w.WriteLine("public FusedWorkspace(int batch)");
            using (w.OpenBlock())
            {
                w.WriteLine("Batch = batch;");
                for (int v = 0; v < plan.Sizes.Count; v++)
                {
                    string n = Literals.Of(plan.Sizes[v]);
                    var producer = v > 0 ? plan.Steps[v - 1] : null;
                    var names = new List<string> { $"V{v}", $"G{v}" };
                    if (producer is FusedDropout) names.Add($"M{v}");
                    foreach (var name in names) w.WriteLine($"{name} = new T[checked(batch * {n})];");
                    values.AddRange(names);
                    if (producer is FusedPool2d { IsMax: true })
                    {
                        w.WriteLine($"I{v} = new long[checked(batch * {n})];");
                        indices.Add($"I{v}");
                    }
                }
            }
            w.WriteLine();
            w.WriteLine("public int Batch { get; }");
            w.WriteLine();
            w.WriteLine("/// <summary>True while a recorded node still needs these activations for its backward.</summary>");
            w.WriteLine("public bool Held { get; set; }");
            w.WriteLine();
            w.WriteLine($"public readonly T[] {string.Join(", ", values)};");
            if (indices.Count > 0) w.WriteLine($"public readonly long[] {string.Join(", ", indices)};");
        }
    }
}
