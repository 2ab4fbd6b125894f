using System.Collections.Generic;
using System.Linq;
using StaticNet.Compiler.Shapes;
using StaticNet.Generators.IR;

namespace StaticNet.Generators.Emit;

/// <summary>
/// Emits the fused plan of a model (<see cref="FusedLowering"/>): <c>Forward</c> runs each Linear as one GEMM with a
/// bias/activation epilogue into a workspace sized once per batch size and records ONE node, <c>&lt;Model&gt;Backward0</c>,
/// whose backward is the chain rule written out per layer; <c>Predict</c> runs the same plan without a node, with
/// Dropout off. The kernels are <c>StaticNet.Fused.FusedOps</c>.
/// </summary>
internal static class FusedEmitter
{
    private const string Ops = "global::StaticNet.Fused.FusedOps";
    private const string Act = "global::StaticNet.Fused.FusedActivation";
    private const string Linear = "global::StaticNet.NN.Linear";
    private const string T = LayerEmitter.Tensor;

    public static void Emit(SourceWriter w, InferredModel inferred, FusedPlan plan)
    {
        var model = inferred.Model;
        var forward = model.Forward!;
        string p = forward.ParameterName;
        string node = model.ClassName + "Backward0";
        string input = inferred.Values[0].ToCompactString(), output = inferred.Values[forward.Outputs[0]].ToCompactString();
        string sample = string.Join(", ", model.Input.Select(Literals.Of));
        var linears = plan.Linears.ToList();
        string modules = string.Join(", ", linears.Select((_, i) => "l" + i));
        string parameters = string.Join(", ", linears.Select((_, i) => $"l{i}.Weight, l{i}.Bias"));

        w.WriteLine("private FusedWorkspace? _workspace, _predictWorkspace;");
        w.WriteLine();
        w.WriteLine($"/// <summary>The forward pass ({input} → {output}), fused: each Linear is one GEMM with its bias and activation as an epilogue, activations");
        w.WriteLine($"/// live in a workspace reused while the batch size is unchanged, and the output records one node, <c>{node}</c>, whose backward");
        w.WriteLine($"/// is generated. Inputs the plan does not take (another dtype or shape) run <see cref=\"{forward.MethodName}\"/> eagerly.</summary>");
        w.WriteLine($"/// <param name=\"{p}\">The input batch, {input}.</param>");
        w.WriteLine($"public override {T} Forward({T} {p})");
        using (w.OpenBlock())
        {
            WriteModules(w, plan, linears);
            w.WriteLine($"if (!{Ops}.Accepts({p}, [{sample}]) || !{Ops}.AllFloat32({parameters})) return {forward.MethodName}({p});");
            w.WriteLine($"bool record = {Ops}.ShouldRecord({p}, {parameters});");
            w.WriteLine($"int batch = (int){p}.Size(0);");
            w.WriteLine("var ws = _workspace;");
            w.WriteLine("// A workspace still held by a node whose backward has not run yet is left to it.");
            w.WriteLine("if (ws is null || ws.Batch != batch || ws.Held) _workspace = ws = new FusedWorkspace(batch);");
            w.WriteLine($"Run(ws, {p}, batch, {TrainingArguments(plan, training: null)}{modules});");
            int last = plan.Steps.Count;
            w.WriteLine($"var result = {Ops}.Output(ws.V{last}, batch, {Literals.Of(plan.OutputFeatures)});");
            w.WriteLine("if (!record) return result;");
            w.WriteLine("ws.Held = true;");
            w.WriteLine($"return {Ops}.Record(result, new {node}(ws, {p}, {modules}), {p}, {parameters});");
        }
        w.WriteLine();
        w.WriteLine($"/// <summary>Inference ({input} → {output}): the fused plan with no node and Dropout off, in its own workspace.</summary>");
        w.WriteLine($"/// <param name=\"{p}\">The input batch, {input}.</param>");
        w.WriteLine($"public {T} Predict({T} {p})");
        using (w.OpenBlock())
        {
            WriteModules(w, plan, linears);
            w.WriteLine($"if (!{Ops}.Accepts({p}, [{sample}]) || !{Ops}.AllFloat32({parameters}))");
            using (w.OpenBlock())
            {
                w.WriteLine("bool training = Training;");
                w.WriteLine("Eval();");
                w.WriteLine($"try {{ using (global::StaticNet.Torch.NoGrad()) return {forward.MethodName}({p}); }}");
                w.WriteLine("finally { if (training) Train(); }");
            }
            w.WriteLine($"int batch = (int){p}.Size(0);");
            w.WriteLine("var ws = _predictWorkspace;");
            w.WriteLine("if (ws is null || ws.Batch != batch) _predictWorkspace = ws = new FusedWorkspace(batch);");
            w.WriteLine($"Run(ws, {p}, batch, {TrainingArguments(plan, training: false)}{modules});");
            w.WriteLine($"return {Ops}.Output(ws.V{plan.Steps.Count}, batch, {Literals.Of(plan.OutputFeatures)});");
        }
        w.WriteLine();
        EmitRun(w, plan, linears);
        w.WriteLine();
        EmitWorkspace(w, plan);
        w.WriteLine();
        EmitNode(w, model.ClassName, plan, linears);
    }

    private static void WriteModules(SourceWriter w, FusedPlan plan, List<FusedLinear> linears)
    {
        for (int i = 0; i < linears.Count; i++) w.WriteLine($"var l{i} = {linears[i].Module};");
    }

    // One bool per Dropout: its module's Training flag, or a constant.
    private static string TrainingArguments(FusedPlan plan, bool? training) => string.Concat(plan.Steps
        .OfType<FusedDropout>().Select(d => (training is null ? d.Module + ".Training" : Literals.Of(training.Value)) + ", "));

    private static void EmitRun(SourceWriter w, FusedPlan plan, List<FusedLinear> linears)
    {
        var dropouts = plan.Steps.OfType<FusedDropout>().ToList();
        string flags = string.Concat(dropouts.Select(d => $"bool dropout{d.Input + 1}, "));
        string args = string.Join(", ", linears.Select((_, i) => $"{Linear} l{i}"));
        w.WriteLine("// The forward plan: value 0 is the flattened input; step i reads value i and writes value i + 1.");
        w.WriteLine($"private static void Run(FusedWorkspace ws, {T} x, int batch, {flags}{args})");
        using (w.OpenBlock())
        {
            w.WriteLine($"{Ops}.CopyInput(x, ws.V0);");
            int li = 0;
            foreach (var step in plan.Steps)
            {
                int i = step.Input, o = i + 1;
                switch (step)
                {
                    case FusedLinear l:
                        w.WriteLine($"{Ops}.Linear(ws.V{i}, batch, l{li}.Weight, l{li}.Bias, {Act}.{l.Activation}, ws.V{o}); // {l.ModuleName}");
                        li++;
                        break;
                    case FusedDropout d:
                        w.WriteLine($"// {d.ModuleName}: the mask is drawn from the default generator as F.Dropout draws it; ones when off.");
                        w.WriteLine($"if (dropout{o} && {Literals.Of(d.P)} > 0) {Ops}.DropoutMask(ws.M{o}, {Literals.Of(d.P)});");
                        w.WriteLine($"else global::System.Array.Fill(ws.M{o}, 1f);");
                        w.WriteLine($"{Ops}.Multiply(ws.V{i}, ws.M{o}, ws.V{o});");
                        break;
                }
            }
        }
    }

    private static void EmitWorkspace(SourceWriter w, FusedPlan plan)
    {
        w.WriteLine("/// <summary>The activations (V), their gradients (G) and dropout masks (M) for one batch size.</summary>");
        w.WriteLine("private sealed class FusedWorkspace");
        using (w.OpenBlock())
        {
            w.WriteLine("public FusedWorkspace(int batch)");
            using (w.OpenBlock())
            {
                w.WriteLine("Batch = batch;");
                for (int v = 0; v < plan.Widths.Count; v++)
                {
                    string n = Literals.Of(plan.Widths[v]);
                    w.WriteLine($"V{v} = new float[batch * {n}];");
                    w.WriteLine($"G{v} = new float[batch * {n}];");
                    if (v > 0 && plan.Steps[v - 1] is FusedDropout) w.WriteLine($"M{v} = new float[batch * {n}];");
                }
            }
            w.WriteLine();
            w.WriteLine("public int Batch { get; }");
            w.WriteLine();
            w.WriteLine("/// <summary>True while a recorded node still needs these activations for its backward.</summary>");
            w.WriteLine("public bool Held { get; set; }");
            w.WriteLine();
            var fields = new List<string>();
            for (int v = 0; v < plan.Widths.Count; v++)
            {
                fields.Add($"V{v}");
                fields.Add($"G{v}");
                if (v > 0 && plan.Steps[v - 1] is FusedDropout) fields.Add($"M{v}");
            }
            w.WriteLine($"public readonly float[] {string.Join(", ", fields)};");
        }
    }

    private static void EmitNode(SourceWriter w, string className, FusedPlan plan, List<FusedLinear> linears)
    {
        string node = className + "Backward0";
        string fields = string.Join(", ", linears.Select((_, i) => $"_l{i}"));
        w.WriteLine($"/// <summary>The backward of <see cref=\"{className}\"/>'s fused forward: the chain rule per layer, in reverse.</summary>");
        w.WriteLine($"private sealed class {node} : global::StaticNet.Fused.FusedNode");
        using (w.OpenBlock())
        {
            w.WriteLine("private FusedWorkspace? _ws;");
            w.WriteLine($"private {T}? _input;");
            w.WriteLine($"private readonly {Linear} {fields};");
            w.WriteLine();
            string args = string.Join(", ", linears.Select((_, i) => $"{Linear} l{i}"));
            w.WriteLine($"public {node}(FusedWorkspace ws, {T} input, {args})");
            using (w.OpenBlock())
            {
                w.WriteLine("_ws = ws;");
                w.WriteLine("_input = input;");
                for (int i = 0; i < linears.Count; i++) w.WriteLine($"_l{i} = l{i};");
            }
            w.WriteLine();
            w.WriteLine("/// <inheritdoc/>");
            w.WriteLine($"public override string Name => \"{node}\";");
            w.WriteLine();
            w.WriteLine("/// <inheritdoc/>");
            w.WriteLine("protected override void ReleaseSaved()");
            using (w.OpenBlock())
            {
                w.WriteLine("if (_ws is { } ws) ws.Held = false;");
                w.WriteLine("_ws = null;");
                w.WriteLine("_input = null;");
            }
            w.WriteLine();
            w.WriteLine("/// <inheritdoc/>");
            w.WriteLine($"protected override {T}?[] Backward({T} gradOutput)");
            using (w.OpenBlock())
            {
                w.WriteLine("var ws = _ws ?? throw Freed();");
                w.WriteLine("int batch = ws.Batch;");
                w.WriteLine($"var grads = new {T}?[{plan.InputCount}];");
                int last = plan.Steps.Count;
                w.WriteLine($"{Ops}.Data(gradOutput).CopyTo(ws.G{last});");
                int li = linears.Count;
                for (int s = plan.Steps.Count - 1; s >= 0; s--)
                {
                    var step = plan.Steps[s];
                    int i = step.Input, o = i + 1;
                    // Gradients flow further down only if some earlier input (x or an earlier parameter) needs one.
                    string further = step.Input == 0 ? "NeedsGradient(0)" : $"NeedsAnyBelow({EarlierInputs(plan, s)})";
                    switch (step)
                    {
                        case FusedDropout d:
                            w.WriteLine($"// {d.ModuleName}: dX = dY ⊙ mask (the mask holds 1/(1 − p) where kept).");
                            w.WriteLine($"{Ops}.Multiply(ws.G{o}, ws.M{o}, ws.G{i});");
                            break;
                        case FusedLinear l:
                            li--;
                            string dz = l.Activation == "None" ? "dZ = dY" : $"dZ = dY ⊙ {l.Activation}'(Y)";
                            w.WriteLine($"// {l.ModuleName}: {dz}; dW = dZᵀ·X; db = Σ_rows dZ; dX = dZ·W.");
                            if (l.Activation != "None") w.WriteLine($"{Ops}.ActivationBackward({Act}.{l.Activation}, ws.V{o}, ws.G{o});");
                            // A parameter's gradient goes straight into its Grad when it can (no temporary, nothing for AccumulateGrad to do).
                            w.WriteLine($"if (AccumulatesInto({l.WeightInput}, _l{li}.Weight)) {Ops}.AccumulateWeightGrad(ws.G{o}, ws.V{i}, batch, _l{li}.Weight);");
                            w.WriteLine($"else if (NeedsGradient({l.WeightInput})) grads[{l.WeightInput}] = {Ops}.WeightGrad(ws.G{o}, ws.V{i}, batch, _l{li}.Weight);");
                            if (l.Bias)
                            {
                                w.WriteLine($"if (AccumulatesInto({l.WeightInput + 1}, _l{li}.Bias!)) {Ops}.AccumulateBiasGrad(ws.G{o}, batch, _l{li}.Bias!);");
                                w.WriteLine($"else if (NeedsGradient({l.WeightInput + 1})) grads[{l.WeightInput + 1}] = {Ops}.BiasGrad(ws.G{o}, batch, _l{li}.Bias!);");
                            }
                            if (i == 0)
                            {
                                w.WriteLine("if (NeedsGradient(0))");
                                using (w.OpenBlock())
                                {
                                    w.WriteLine($"{Ops}.InputGrad(ws.G{o}, batch, _l{li}.Weight, ws.G0);");
                                    w.WriteLine($"grads[0] = {Ops}.Like(ws.G0, _input!);");
                                }
                            }
                            else
                            {
                                w.WriteLine($"if (!({further})) return grads;");
                                w.WriteLine($"{Ops}.InputGrad(ws.G{o}, batch, _l{li}.Weight, ws.G{i});");
                            }
                            break;
                    }
                }
                w.WriteLine("return grads;");
            }
            w.WriteLine();
            w.WriteLine("private bool NeedsAnyBelow(int inputs)");
            using (w.OpenBlock())
            {
                w.WriteLine("for (int i = 0; i < inputs; i++) if (NeedsGradient(i)) return true;");
                w.WriteLine("return false;");
            }
        }
    }

    // The number of recorded inputs before step s's Linear: x and the parameters of the linears before it.
    private static int EarlierInputs(FusedPlan plan, int s)
    {
        int count = 1;
        for (int k = 0; k < s; k++) if (plan.Steps[k] is FusedLinear) count += 2;
        return count;
    }
}
