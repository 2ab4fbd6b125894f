using System.Collections.Generic;
using System.Linq;
using StaticNet.Compiler.Graph;

namespace StaticNet.Generators.Emit;

/// <summary>
/// BatchNorm in the fused plan: the forward (batch statistics and the running-statistics update in training, the running
/// statistics in evaluation) saves each channel's mean and 1/√(var + eps) in the workspace (Mean, InvStd) and whether the
/// batch's statistics were used (B); the backward is the standard batch-norm backward. In <c>Predict</c> a BatchNorm that
/// is the only reader of a Linear or Conv2d is folded into that layer's weight and bias (FW, FB) and not run at all.
/// </summary>
internal static partial class FusedEmitter
{
    private static bool AnyFolded(PlanGraph graph) => graph.Ops.OfType<BatchNormOp>().Any(b => b.FoldsIntoProducer);

    // Run's extra parameters: each BatchNorm's training flag, then whether this is Predict (when some BatchNorm folds).
    private static string BatchNormParameters(PlanGraph graph) =>
        string.Concat(graph.Ops.OfType<BatchNormOp>().Select(b => $"bool train{b.Output}, ")) + (AnyFolded(graph) ? "bool predict, " : "");

    // Their values at the call in Fused<T>: a BatchNorm trains in Forward when its module is in training mode; Predict evaluates.
    private static string BatchNormFlags(PlanGraph graph, List<ParameterOp> layers) =>
        string.Concat(graph.Ops.OfType<BatchNormOp>().Select(b => $"!predict && l{layers.IndexOf(b)}.Training, ")) + (AnyFolded(graph) ? "predict, " : "");

    // ", l2.RunningMean, l2.RunningVar": the buffers the plan reads must have the input's dtype and device as the parameters.
    private static string RunningStatistics(List<ParameterOp> layers, string prefix) =>
        string.Concat(layers.Select((l, i) => l is BatchNormOp ? $", {prefix}{i}.RunningMean, {prefix}{i}.RunningVar" : ""));

    // The BatchNorm that reads this Linear's or Conv2d's output and folds into it in Predict, or null.
    private static BatchNormOp? FoldedBatchNorm(PlanGraph graph, PlanOp op) =>
        graph.Ops.OfType<BatchNormOp>().FirstOrDefault(b => b.FoldsIntoProducer && b.Inputs[0] == op.Output);

    private static void EmitFoldedLayer(SourceWriter w, List<ParameterOp> layers, PlanOp op, int li, BatchNormOp bn)
    {
        int i = op.Inputs[0], o = bn.Output, bi = layers.IndexOf(bn);
        w.WriteLine("if (predict)");
        using (w.OpenBlock())
        {
            w.WriteLine($"// {((ParameterOp)op).Module.Name} + {bn.Module.Name} folded: W' = W·γ/√(running_var + eps), b' = (b − running_mean)·γ/√(running_var + eps) + β.");
            w.WriteLine($"{Ops}.FoldBatchNorm<T>(l{li}.Weight, l{li}.Bias, l{bi}, ref ws.FW{o}, ref ws.FB{o});");
            w.WriteLine(op is Conv2dOp c
                ? $"{Ops}.Conv2dFolded<T>(ws.V{i}, batch, sz.H{c.Output}, sz.W{c.Output}, l{li}, ws.FW{o}, ws.FB{o}, {Act}.{bn.Activation}, ws.V{o});"
                : $"{Ops}.LinearFolded<T>(ws.V{i}, batch, l{li}.Weight, ws.FW{o}, ws.FB{o}, {Act}.{bn.Activation}, ws.V{o});");
        }
        w.WriteLine("else");
        using (w.OpenBlock()) w.WriteLine(LayerForward((ParameterOp)op, li));
    }

    private static void EmitBatchNorm(SourceWriter w, BatchNormOp bn, int li)
    {
        int i = bn.Inputs[0], o = bn.Output;
        string call = $"ws.B{o} = {Ops}.BatchNorm<T>(ws.V{i}, batch, sz.C{o}, sz.Spatial{o}, l{li}, train{o}, " +
                      $"{Act}.{bn.Activation}, ws.Mean{o}, ws.InvStd{o}, ws.V{o}); // {bn.Module.Name}";
        w.WriteLine(bn.FoldsIntoProducer ? $"if (!predict) {call}" : call);
    }

    // The per-channel saved statistics (C elements, whatever the batch).
    private static void EmitBatchNormBuffers(SourceWriter w, PlanGraph graph)
    {
        foreach (var bn in graph.Ops.OfType<BatchNormOp>())
        {
            w.WriteLine($"Mean{bn.Output} = {Buffer}<T>.Allocate(device, shapes.C{bn.Output});");
            w.WriteLine($"InvStd{bn.Output} = {Buffer}<T>.Allocate(device, shapes.C{bn.Output});");
        }
    }

    private static void EmitBatchNormFields(SourceWriter w, PlanGraph graph)
    {
        foreach (var bn in graph.Ops.OfType<BatchNormOp>())
        {
            int o = bn.Output;
            w.WriteLine($"public readonly {Buffer}<T> Mean{o}, InvStd{o}; // {bn.Module.Name}: the statistics the forward used");
            w.WriteLine($"public bool B{o}; // {bn.Module.Name}: true when they were the batch's");
            if (bn.FoldsIntoProducer) w.WriteLine($"public {Buffer}<T> FW{o}, FB{o}; // the folded weight and bias of Predict (allocated on first use)");
        }
    }

    private static void EmitBatchNormBackward(SourceWriter w, BatchNormOp bn, bool add, string target, string addScratch, string sum, string l)
    {
        int i = bn.Inputs[0], o = bn.Output, k = bn.WeightSlot;
        string dz = bn.Activation == Activation.None ? "dZ = dY" : $"dZ = dY ⊙ {bn.Activation}'(Y)";
        w.WriteLine($"// {bn.Module.Name}: {dz}; dγ = Σ dZ·x̂; dβ = Σ dZ; dX = γ·invStd/m·(m·dZ − Σ dZ − x̂·Σ dZ·x̂) with the batch's statistics,");
        w.WriteLine($"// γ·invStd·dZ with the running ones (x̂ = (X − mean)·invStd, m = batch × {Literals.Of(bn.Spatial)} at the declared size){sum}.");
        using (Guard(w, $"n{o}"))
        {
            if (bn.Activation != Activation.None) w.WriteLine($"{Ops}.ActivationBackward<T>({Act}.{bn.Activation}, ws.V{o}, ws.G{o});");
            string dw = "null", db = "null";
            if (bn.Affine)
            {
                dw = $"dw{o}";
                db = $"db{o}";
                w.WriteLine($"{TensorType}? {dw} = AccumulatesInto({k}, {l}.Weight!) ? {Ops}.GradTarget({l}.Weight!)");
                w.WriteLine($"    : NeedsGradient({k}) ? grads[{k}] = {Ops}.ZerosLike({l}.Weight!) : null;");
                w.WriteLine($"{TensorType}? {db} = AccumulatesInto({k + 1}, {l}.Bias!) ? {Ops}.GradTarget({l}.Bias!)");
                w.WriteLine($"    : NeedsGradient({k + 1}) ? grads[{k + 1}] = {Ops}.ZerosLike({l}.Bias!) : null;");
            }
            w.WriteLine($"{Ops}.BatchNormBackward<T>(ws.G{o}, ws.V{i}, batch, sz.C{o}, sz.Spatial{o}, {l}, ws.B{o}, " +
                        $"ws.Mean{o}, ws.InvStd{o}, {dw}, {db}, n{i} ? {target} : default);");
            if (add) w.WriteLine($"if (n{i}) {addScratch}");
        }
    }
}
