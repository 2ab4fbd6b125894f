using System.Collections.Generic;
using System.Linq;
using StaticNet.Compiler.Fusion;

namespace StaticNet.Generators.Emit;

internal static partial class FusedEmitter
{
    private static void EmitNode(SourceWriter w, string className, FusedPlan plan, List<FusedLayerStep> layers)
    {
        string node = className + "Backward0";
        w.WriteLine($"/// <summary>The backward of <see cref=\"{className}\"/>'s fused forward: the chain rule per layer, in reverse.</summary>");
        w.WriteLine($"private sealed class {node}<T> : global::StaticNet.Fused.FusedNode {Constraint}");
        using (w.OpenBlock())
        {
            w.WriteLine("private FusedWorkspace<T>? _ws;");
            w.WriteLine($"private {TensorType}? _input;");
            for (int i = 0; i < layers.Count; i++) w.WriteLine($"private readonly {ModuleType(layers[i])} _l{i};");
            w.WriteLine();
            string args = string.Join(", ", layers.Select((l, i) => $"{ModuleType(l)} l{i}"));
            w.WriteLine($"public {node}(FusedWorkspace<T> ws, {TensorType} input, {args})");
            using (w.OpenBlock())
            {
                w.WriteLine("_ws = ws;");
                w.WriteLine("_input = input;");
                for (int i = 0; i < layers.Count; i++) w.WriteLine($"_l{i} = l{i};");
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
            w.WriteLine($"protected override {TensorType}?[] Backward({TensorType} gradOutput)");
            using (w.OpenBlock())
            {
                w.WriteLine("var ws = _ws ?? throw Freed();");
                w.WriteLine("int batch = ws.Batch;");
                w.WriteLine($"var grads = new {TensorType}?[{plan.InputCount}];");
                w.WriteLine($"{Ops}.Data<T>(gradOutput).CopyTo(ws.G{plan.Steps.Count});");
                int li = layers.Count;
                for (int s = plan.Steps.Count - 1; s >= 0; s--)
                {
                    var step = plan.Steps[s];
                    if (step is FusedLayerStep) li--;
                    EmitStepBackward(w, plan, s, step, $"_l{li}");
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

    private static void EmitStepBackward(SourceWriter w, FusedPlan plan, int s, FusedStep step, string l)
    {
        int i = step.Input, o = i + 1;
        switch (step)
        {
            case FusedDropout d:
                w.WriteLine($"// {d.Module.Name}: dX = dY ⊙ mask (the mask holds 1/(1 − p) where kept).");
                Below(w, plan, s, $"{Ops}.Multiply<T>(ws.G{o}, ws.M{o}, ws.G{i});");
                break;
            case FusedActivationStep a:
                w.WriteLine($"// {a.Name}: dX = dY ⊙ {a.Activation}'(Y).");
                Below(w, plan, s, $"{Ops}.ActivationBackward<T>({Act}.{a.Activation}, ws.V{o}, ws.G{o});",
                    $"global::System.MemoryExtensions.CopyTo(ws.G{o}, ws.G{i});");
                break;
            case FusedPool2d { IsMax: true } pool:
                w.WriteLine($"// {pool.Name}: each dY goes to the input its saved argmax names.");
                Below(w, plan, s, $"{Ops}.MaxPool2dBackward<T>(ws.G{o}, ws.I{o}, batch, s_pool{o}, ws.G{i});");
                break;
            case FusedPool2d pool:
                w.WriteLine($"// {pool.Name}: each dY spread evenly over its window.");
                Below(w, plan, s, $"{Ops}.AvgPool2dBackward<T>(ws.G{o}, batch, s_pool{o}, ws.G{i});");
                break;
            case FusedLinear lin:
                string dz = lin.Activation == "None" ? "dZ = dY" : $"dZ = dY ⊙ {lin.Activation}'(Y)";
                w.WriteLine($"// {lin.Module.Name}: {dz}; dW = dZᵀ·X; db = Σ_rows dZ; dX = dZ·W.");
                if (lin.Activation != "None") w.WriteLine($"{Ops}.ActivationBackward<T>({Act}.{lin.Activation}, ws.V{o}, ws.G{o});");
                // A parameter's gradient goes straight into its Grad when it can (no temporary, nothing for AccumulateGrad to do).
                int k = lin.WeightInput;
                w.WriteLine($"if (AccumulatesInto({k}, {l}.Weight)) {Ops}.AccumulateWeightGrad<T>(ws.G{o}, ws.V{i}, batch, {l}.Weight);");
                w.WriteLine($"else if (NeedsGradient({k})) grads[{k}] = {Ops}.WeightGrad<T>(ws.G{o}, ws.V{i}, batch, {l}.Weight);");
                if (lin.Bias)
                {
                    w.WriteLine($"if (AccumulatesInto({k + 1}, {l}.Bias!)) {Ops}.AccumulateBiasGrad<T>(ws.G{o}, batch, {l}.Bias!);");
                    w.WriteLine($"else if (NeedsGradient({k + 1})) grads[{k + 1}] = {Ops}.BiasGrad<T>(ws.G{o}, batch, {l}.Bias!);");
                }
                Below(w, plan, s, $"{Ops}.InputGrad<T>(ws.G{o}, batch, {l}.Weight, ws.G{i});");
                break;
            case FusedConv2d c:
                string h = Literals.Of(c.Height), wd = Literals.Of(c.Width);
                string dzc = c.Activation == "None" ? "dZ = dY" : $"dZ = dY ⊙ {c.Activation}'(Y)";
                w.WriteLine($"// {c.Module.Name}: {dzc}; dW += Σ_n dZ·colsᵀ; db = Σ_(n,h,w) dZ; dX = col2im(Wᵀ·dZ).");
                if (c.Activation != "None") w.WriteLine($"{Ops}.ActivationBackward<T>({Act}.{c.Activation}, ws.V{o}, ws.G{o});");
                int kc = c.WeightInput;
                w.WriteLine($"{TensorType}? dw{o} = AccumulatesInto({kc}, {l}.Weight) ? {Ops}.GradTarget({l}.Weight)");
                w.WriteLine($"    : NeedsGradient({kc}) ? grads[{kc}] = {Ops}.ZerosLike({l}.Weight) : null;");
                if (c.Bias)
                {
                    w.WriteLine($"if (AccumulatesInto({kc + 1}, {l}.Bias!)) {Ops}.Conv2dBiasGrad<T>(ws.G{o}, batch, {h}, {wd}, {l}, {Ops}.GradTarget({l}.Bias!));");
                    w.WriteLine($"else if (NeedsGradient({kc + 1})) {Ops}.Conv2dBiasGrad<T>(ws.G{o}, batch, {h}, {wd}, {l}, grads[{kc + 1}] = {Ops}.ZerosLike({l}.Bias!));");
                }
                // The weight and input gradients share one im2col per image, so dX is asked for (or not) in the same call.
                w.WriteLine($"bool below{o} = {Further(plan, s)};");
                w.WriteLine($"{Ops}.Conv2dBackward<T>(ws.G{o}, ws.V{i}, batch, {h}, {wd}, {l}, dw{o}, below{o} ? ws.G{i} : default);");
                if (i == 0) w.WriteLine($"if (below{o}) grads[0] = {Ops}.Like<T>(ws.G0, _input!);");
                else w.WriteLine($"if (!below{o}) return grads;");
                break;
        }
    }

    // The input gradient of step s: computed only if some earlier input (x or an earlier parameter) needs a gradient;
    // for the first step that is x itself, whose gradient is returned.
    private static void Below(SourceWriter w, FusedPlan plan, int s, params string[] compute)
    {
        if (plan.Steps[s].Input == 0)
        {
            w.WriteLine("if (NeedsGradient(0))");
            using (w.OpenBlock())
            {
                foreach (var line in compute) w.WriteLine(line);
                w.WriteLine($"grads[0] = {Ops}.Like<T>(ws.G0, _input!);");
            }
            return;
        }
        w.WriteLine($"if (!({Further(plan, s)})) return grads;");
        foreach (var line in compute) w.WriteLine(line);
    }

    private static string Further(FusedPlan plan, int s) => plan.Steps[s].Input == 0 ? "NeedsGradient(0)" : $"NeedsAnyBelow({EarlierInputs(plan, s)})";

    // The number of recorded inputs before step s: x and the weight and bias slots of the layers before it.
    private static int EarlierInputs(FusedPlan plan, int s) => 1 + 2 * plan.Steps.Take(s).Count(t => t is FusedLayerStep);
}
