using System.Collections.Generic;
using System.Linq;
using System.Threading;
using StaticNet.Compiler.Graph;

namespace StaticNet.Generators.Emit;

internal static partial class FusedEmitter
{
    private static void EmitNode(SourceWriter w, string className, PlanGraph graph, List<ParameterOp> layers, CancellationToken cancellationToken)
    {
        string node = className + "Backward0";
        w.WriteLine($"/// <summary>The backward of <see cref=\"{className}\"/>'s fused forward: the chain rule per op, in reverse topological order.</summary>");
        w.WriteLine($"private sealed class {node}<T> : global::StaticNet.Fused.FusedNode {Constraint}");
        using (w.OpenBlock())
        {
            w.WriteLine("private FusedWorkspace<T>? _ws;");
            w.WriteLine($"private {TensorType}? _input;");
            for (int i = 0; i < layers.Count; i++) w.WriteLine($"private readonly {ModuleType(layers[i])} _l{i};");
            w.WriteLine();
            string args = string.Join(", ", layers.Select((l, i) => $"{ModuleType(l)} l{i}"));
            w.WriteLine($"public {node}(FusedWorkspace<T> ws, {TensorType} input, {args}){(graph.ReturnsTuple ? $" : base({graph.Outputs.Count})" : "")}");
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
            w.WriteLine(graph.ReturnsTuple
                ? $"protected override {TensorType}?[] Backward({TensorType}?[] gradOutputs)"
                : $"protected override {TensorType}?[] Backward({TensorType} gradOutput)");
            using (w.OpenBlock())
            {
                w.WriteLine("var ws = _ws ?? throw Freed();");
                w.WriteLine("int batch = ws.Batch;");
                w.WriteLine("var sz = ws.Shapes;");
                w.WriteLine($"var grads = new {TensorType}?[{graph.InputCount}];");
                EmitNeeds(w, graph);
                if (!graph.ReturnsTuple) w.WriteLine($"{Ops}.CopyGradient<T>(gradOutput, ws.G{graph.Output});");
                else EmitOutputGradients(w, graph);
                var accumulates = Accumulates(graph);
                int li = layers.Count;
                for (int k = graph.Ops.Count - 1; k >= 0; k--)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var op = graph.Ops[k];
                    if (op is ParameterOp) li--;
                    EmitOpBackward(w, op, accumulates[k], $"_l{li}");
                }
                w.WriteLine($"if (n0) grads[0] = {Ops}.Like<T>(ws.G0, _input!);");
                w.WriteLine("return grads;");
            }
        }
    }

    // A tuple's items: each output's gradient seeds its value's, zeros for an output no gradient reached (as PyTorch
    // materializes an undefined gradient); an item returned twice adds its second gradient.
    private static void EmitOutputGradients(SourceWriter w, PlanGraph graph)
    {
        var seeded = new HashSet<int>();
        for (int k = 0; k < graph.Outputs.Count; k++)
        {
            int v = graph.Outputs[k];
            if (seeded.Add(v))
            {
                w.WriteLine($"if (gradOutputs[{k}] is {{ }} g{k}) {Ops}.CopyGradient<T>(g{k}, ws.G{v});");
                w.WriteLine($"else {Ops}.Fill<T>(ws.G{v}, T.Zero);");
            }
            else w.WriteLine($"if (gradOutputs[{k}] is {{ }} g{k}) {Ops}.AddGradient<T>(g{k}, ws.G{v});");
        }
    }

    // n<v>: value v's gradient is needed, because the input or a parameter it depends on needs one. The backward skips an
    // op whose output needs none, and an input gradient that is not needed (decided by the graph, not by op position).
    private static void EmitNeeds(SourceWriter w, PlanGraph graph)
    {
        w.WriteLine("bool n0 = NeedsGradient(0);");
        foreach (var op in graph.Ops)
        {
            var terms = op.Inputs.Distinct().Select(v => $"n{v}").ToList();
            if (op is ParameterOp p)
            {
                terms.Add($"NeedsGradient({p.WeightSlot})");
                if (p.Bias) terms.Add($"NeedsGradient({p.WeightSlot + 1})");
            }
            w.WriteLine($"bool n{op.Output} = {string.Join(" || ", terms)};");
        }
    }

    // For each op and input position: whether its gradient contribution adds to what a later reader (earlier in the
    // backward) already wrote. The first contribution a value receives in the backward writes, the others add; the
    // output's first one is the incoming gradient.
    private static bool[][] Accumulates(PlanGraph graph)
    {
        var written = new HashSet<int>(graph.Outputs);
        var result = new bool[graph.Ops.Count][];
        for (int k = graph.Ops.Count - 1; k >= 0; k--)
        {
            var inputs = graph.Ops[k].Inputs;
            result[k] = new bool[inputs.Count];
            for (int j = 0; j < inputs.Count; j++) result[k][j] = !written.Add(inputs[j]);
        }
        return result;
    }

    // The values an op whose kernel overwrites its destination (Linear, Conv2d, pooling, softmax) must add into another
    // reader's gradient: those kernels write into the scratch buffer S first, as large as the largest of them.
    private static List<int> ScratchValues(PlanGraph graph)
    {
        var accumulates = Accumulates(graph);
        var values = new List<int>();
        for (int k = 0; k < graph.Ops.Count; k++)
            if (graph.Ops[k] is ParameterOp or Pool2dOp or SoftmaxOp && accumulates[k][0] && !values.Contains(graph.Ops[k].Inputs[0]))
                values.Add(graph.Ops[k].Inputs[0]);
        return values;
    }

    private static void EmitOpBackward(SourceWriter w, PlanOp op, bool[] accumulate, string l)
    {
        int i = op.Inputs[0], o = op.Output;
        bool add = accumulate[0];
        // Where an overwriting kernel puts dX: straight into G_i, or into S when G_i already holds another reader's part.
        string target = add ? $"ws.S.Slice(0, ws.G{i}.Length)" : $"ws.G{i}";
        string addScratch = $"{Ops}.Add<T>(ws.G{i}, {target}, ws.G{i});";
        string sum = add ? $" (added to G{i}: another op reads it too)" : "";
        switch (op)
        {
            case DropoutOp d:
                w.WriteLine($"// {d.Module.Name}: dX = dY ⊙ mask (the mask holds 1/(1 − p) where kept){sum}.");
                w.WriteLine($"if (n{i}) {Ops}.{(add ? "MultiplyAdd" : "Multiply")}<T>(ws.G{o}, ws.M{o}, ws.G{i});");
                break;
            case ActivationOp a:
                w.WriteLine($"// {a.Name}: dX = dY ⊙ {a.Activation}'(Y){sum}.");
                using (Guard(w, $"n{i}"))
                {
                    w.WriteLine($"{Ops}.ActivationBackward<T>({Act}.{a.Activation}, ws.V{o}, ws.G{o});");
                    w.WriteLine(add ? $"{Ops}.Add<T>(ws.G{i}, ws.G{o}, ws.G{i});" : $"{Ops}.Copy<T>(ws.G{o}, ws.G{i});");
                }
                break;
            case Pool2dOp pool:
                w.WriteLine(pool.IsMax
                    ? $"// {pool.Name}: each dY goes to the input its saved argmax names{sum}."
                    : $"// {pool.Name}: each dY spread evenly over its window{sum}.");
                using (Guard(w, $"n{i}"))
                {
                    w.WriteLine(pool.IsMax
                        ? $"{Ops}.MaxPool2dBackward<T>(ws.G{o}, ws.I{o}, batch, sz.Pool{o}, {target});"
                        : $"{Ops}.AvgPool2dBackward<T>(ws.G{o}, batch, sz.Pool{o}, {target});");
                    if (add) w.WriteLine(addScratch);
                }
                break;
            case SoftmaxOp sm:
                w.WriteLine(sm.IsLog
                    ? $"// {sm.Name}: dX = dY − softmax(X)·Σ_row dY, softmax(X) = exp(Y){sum}."
                    : $"// {sm.Name}: dX = Y ⊙ (dY − Σ_row dY ⊙ Y){sum}.");
                using (Guard(w, $"n{i}"))
                {
                    w.WriteLine($"{Ops}.SoftmaxBackward<T>(ws.V{o}, ws.G{o}, sz.Row{o}, log: {Literals.Of(sm.IsLog)}, {target});");
                    if (add) w.WriteLine(addScratch);
                }
                break;
            case ElementwiseOp { Broadcasts: true } e:
                w.WriteLine(e.IsMultiply
                    ? $"// {Literals.Comment(e.Source)}: dA = Σ dY ⊙ B, dB = Σ dY ⊙ A, each summed over the dimensions its operand was stretched along."
                    : $"// {Literals.Comment(e.Source)}: dA = Σ dY, dB = Σ dY, each summed over the dimensions its operand was stretched along.");
                for (int j = 0; j < 2; j++)
                {
                    int v = e.Inputs[j];
                    string other = e.IsMultiply ? $"ws.V{e.Inputs[1 - j]}" : "default";
                    w.WriteLine($"if (n{v}) {Ops}.BroadcastBackward<T>(ws.G{o}, {other}, batch, sz.Broadcast{o}, {j}, accumulate: {Literals.Of(accumulate[j])}, ws.G{v});");
                }
                break;
            case CatOp cat:
                w.WriteLine($"// {Literals.Comment(cat.Source)}: each input's gradient is its slice of dY in every row.");
                for (int k = 0; k < cat.Inputs.Count; k++)
                {
                    int v = cat.Inputs[k];
                    w.WriteLine($"if (n{v}) {Ops}.CatPartBackward<T>(ws.G{o}, batch, sz.Cat{o}, {k}, accumulate: {Literals.Of(accumulate[k])}, ws.G{v});");
                }
                break;
            case ElementwiseOp e:
                w.WriteLine(e.IsMultiply
                    ? $"// {Literals.Comment(e.Source)}: dA = dY ⊙ B, dB = dY ⊙ A."
                    : $"// {Literals.Comment(e.Source)}: dA = dB = dY.");
                for (int j = 0; j < 2; j++)
                {
                    int v = e.Inputs[j], other = e.Inputs[1 - j];
                    string line = (e.IsMultiply, accumulate[j]) switch
                    {
                        (true, false) => $"{Ops}.Multiply<T>(ws.G{o}, ws.V{other}, ws.G{v});",
                        (true, true) => $"{Ops}.MultiplyAdd<T>(ws.G{o}, ws.V{other}, ws.G{v});",
                        (false, false) => $"{Ops}.Copy<T>(ws.G{o}, ws.G{v});",
                        (false, true) => $"{Ops}.Add<T>(ws.G{v}, ws.G{o}, ws.G{v});",
                    };
                    w.WriteLine($"if (n{v}) {line}");
                }
                break;
            case BatchNormOp bn:
                EmitBatchNormBackward(w, bn, add, target, addScratch, sum, l);
                break;
            case LinearOp lin:
                string dz = lin.Activation == Activation.None ? "dZ = dY" : $"dZ = dY ⊙ {lin.Activation}'(Y)";
                w.WriteLine($"// {lin.Module.Name}: {dz}; dW = dZᵀ·X; db = Σ_rows dZ; dX = dZ·W{sum}.");
                using (Guard(w, $"n{o}"))
                {
                    if (lin.Activation != Activation.None) w.WriteLine($"{Ops}.ActivationBackward<T>({Act}.{lin.Activation}, ws.V{o}, ws.G{o});");
                    // A parameter's gradient goes straight into its Grad when it can (no temporary, nothing for AccumulateGrad to do).
                    int k = lin.WeightSlot;
                    w.WriteLine($"if (AccumulatesInto({k}, {l}.Weight)) {Ops}.AccumulateWeightGrad<T>(ws.G{o}, ws.V{i}, batch, {l}.Weight);");
                    w.WriteLine($"else if (NeedsGradient({k})) grads[{k}] = {Ops}.WeightGrad<T>(ws.G{o}, ws.V{i}, batch, {l}.Weight);");
                    if (lin.Bias)
                    {
                        w.WriteLine($"if (AccumulatesInto({k + 1}, {l}.Bias!)) {Ops}.AccumulateBiasGrad<T>(ws.G{o}, batch, {l}.Bias!);");
                        w.WriteLine($"else if (NeedsGradient({k + 1})) grads[{k + 1}] = {Ops}.BiasGrad<T>(ws.G{o}, batch, {l}.Bias!);");
                    }
                    using (Guard(w, $"n{i}"))
                    {
                        w.WriteLine($"{Ops}.InputGrad<T>(ws.G{o}, batch, {l}.Weight, {target});");
                        if (add) w.WriteLine(addScratch);
                    }
                }
                break;
            case Conv2dOp c:
                string h = $"sz.H{o}", wd = $"sz.W{o}";
                string dzc = c.Activation == Activation.None ? "dZ = dY" : $"dZ = dY ⊙ {c.Activation}'(Y)";
                w.WriteLine($"// {c.Module.Name}: {dzc}; dW += Σ_n dZ·colsᵀ; db = Σ_(n,h,w) dZ; dX = col2im(Wᵀ·dZ){sum}.");
                using (Guard(w, $"n{o}"))
                {
                    if (c.Activation != Activation.None) w.WriteLine($"{Ops}.ActivationBackward<T>({Act}.{c.Activation}, ws.V{o}, ws.G{o});");
                    int kc = c.WeightSlot;
                    w.WriteLine($"{TensorType}? dw{o} = AccumulatesInto({kc}, {l}.Weight) ? {Ops}.GradTarget({l}.Weight)");
                    w.WriteLine($"    : NeedsGradient({kc}) ? grads[{kc}] = {Ops}.ZerosLike({l}.Weight) : null;");
                    if (c.Bias)
                    {
                        w.WriteLine($"if (AccumulatesInto({kc + 1}, {l}.Bias!)) {Ops}.Conv2dBiasGrad<T>(ws.G{o}, batch, {h}, {wd}, {l}, {Ops}.GradTarget({l}.Bias!));");
                        w.WriteLine($"else if (NeedsGradient({kc + 1})) {Ops}.Conv2dBiasGrad<T>(ws.G{o}, batch, {h}, {wd}, {l}, grads[{kc + 1}] = {Ops}.ZerosLike({l}.Bias!));");
                    }
                    // The weight and input gradients share one im2col per image, so dX is asked for (or not) in the same call.
                    w.WriteLine($"{Ops}.Conv2dBackward<T>(ws.G{o}, ws.V{i}, batch, {h}, {wd}, {l}, dw{o}, n{i} ? {target} : default);");
                    if (add) w.WriteLine($"if (n{i}) {addScratch}");
                }
                break;
        }
    }

    // "if (condition) { ... }" around what follows.
    private static SourceWriter.Block Guard(SourceWriter w, string condition)
    {
        w.WriteLine($"if ({condition})");
        return w.OpenBlock();
    }
}
