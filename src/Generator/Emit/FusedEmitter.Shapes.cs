using System.Collections.Generic;
using System.Linq;
using StaticNet.Compiler.Graph;
using StaticNet.Compiler.Model;

namespace StaticNet.Generators.Emit;

/// <summary>
/// The plan's sizes at run time: <c>FusedShapes.Create</c> walks the graph once per input sample shape (and set of
/// layers), computing each value's per-sample shape from the input's (conv and pool output sizes through the runtime's
/// copy of the compiler's one formula) and from the layer objects (a replaced <c>fc</c> of another width). Channel counts
/// are checked where a layer reads them, with the analyzers' messages; a size the plan's kernels do not cover returns
/// null and the model runs eagerly. The workspace is allocated for one <c>FusedShapes</c> and one batch size.
/// </summary>
internal static partial class FusedEmitter
{
    private static void EmitShapes(SourceWriter w, PlanGraph graph, List<ParameterOp> layers)
    {
        string args = string.Join(", ", layers.Select((l, i) => $"{ModuleType(l)} l{i}"));
        string modules = string.Join(", ", layers.Select((_, i) => "l" + i));
        w.WriteLine("// The sizes for x's sample shape and these layers: the last ones computed, while both are unchanged.");
        w.WriteLine($"private FusedShapes? PlanShapes({TensorType} x, {args})");
        using (w.OpenBlock())
        {
            w.WriteLine($"if (_shapes is {{ }} last && {Ops}.HasSample(x, last.Sample) && {Ops}.SameModules(last.Modules, {modules})) return last;");
            w.WriteLine($"var shapes = FusedShapes.Create(x, {modules});");
            w.WriteLine("if (shapes is not null) _shapes = shapes;");
            w.WriteLine("return shapes;");
        }
        w.WriteLine();
        w.WriteLine("/// <summary>The plan's sizes for one input sample shape: elements per sample of each value (N), the input sizes of each");
        w.WriteLine("/// convolution (H, W), the layouts of pooling, BatchNorm, softmax, broadcasting and Cat steps, the outputs' samples.</summary>");
        w.WriteLine("private sealed class FusedShapes");
        using (w.OpenBlock())
        {
            w.WriteLine("private FusedShapes(long[] sample, global::StaticNet.NN.Module[] modules)");
            using (w.OpenBlock())
            {
                w.WriteLine("Sample = sample;");
                w.WriteLine("Modules = modules;");
            }
            w.WriteLine();
            w.WriteLine("/// <summary>One sample of the input these sizes are for.</summary>");
            w.WriteLine("public long[] Sample { get; }");
            w.WriteLine();
            w.WriteLine("/// <summary>The layers they were computed from (a replaced one has other sizes).</summary>");
            w.WriteLine("public global::StaticNet.NN.Module[] Modules { get; }");
            w.WriteLine();
            w.WriteLine($"public long {string.Join(", ", graph.Values.Select(v => "N" + v.Id))}, Scratch;");
            foreach (var op in graph.Ops)
            {
                int o = op.Output;
                string? field = op switch
                {
                    Conv2dOp => $"public int H{o}, W{o};",
                    Pool2dOp => $"public global::StaticNet.Fused.FusedPool2d Pool{o};",
                    BatchNormOp => $"public int C{o}, Spatial{o};",
                    SoftmaxOp => $"public int Row{o};",
                    ElementwiseOp { Broadcasts: true } => $"public global::StaticNet.Fused.FusedBroadcast Broadcast{o} = null!;",
                    CatOp => $"public global::StaticNet.Fused.FusedConcat Cat{o} = null!;",
                    _ => null,
                };
                if (field is not null) w.WriteLine(field);
            }
            w.WriteLine($"public long[] {string.Join(", ", graph.Outputs.Select((_, k) => $"Out{k} = null!"))};");
            w.WriteLine();
            w.WriteLine("/// <summary>The sizes for x, or null when the plan's kernels do not cover them (the model then runs eagerly).</summary>");
            w.WriteLine("/// <exception cref=\"global::System.ArgumentException\">x does not fit the layers, as the eager forward would find.</exception>");
            w.WriteLine($"public static FusedShapes? Create({TensorType} x, {args})");
            using (w.OpenBlock())
            {
                w.WriteLine($"long[] s0 = {Ops}.SampleOf(x);");
                w.WriteLine($"var r = new FusedShapes(s0, [{modules}]);");
                w.WriteLine($"r.N0 = {Ops}.Numel(s0);");
                int li = 0;
                foreach (var op in graph.Ops)
                {
                    int o = op.Output;
                    string name = Literals.Of(OpName(op));
                    string In(int j) => SeenSample(w, graph, op.Inputs[j], op.InputSamples[j], o);
                    switch (op)
                    {
                        case LinearOp:
                            // Only the element count matters: a Flatten or View before the Linear renames the value.
                            w.WriteLine($"var s{o} = {Ops}.LinearShape(s{op.Inputs[0]}, l{li++}, {name}, x);");
                            break;
                        case Conv2dOp:
                            string input = In(0);
                            w.WriteLine($"var s{o} = {Ops}.Conv2dShape({input}, l{li++}, {name}, x);");
                            w.WriteLine($"r.H{o} = checked((int){input}[1]);");
                            w.WriteLine($"r.W{o} = checked((int){input}[2]);");
                            break;
                        case BatchNormOp:
                            w.WriteLine($"var s{o} = {Ops}.BatchNormShape({In(0)}, l{li++}, {name}, x);");
                            w.WriteLine($"r.C{o} = checked((int)s{o}[0]);");
                            w.WriteLine($"r.Spatial{o} = checked((int)({Ops}.Numel(s{o}) / s{o}[0]));");
                            break;
                        case Pool2dOp { Adaptive: true } pool:
                            w.WriteLine($"// {pool.Name}: an average pooling with kernel = stride = input / output size, where that divides.");
                            w.WriteLine($"if ({Ops}.AdaptiveAvgPool2dShape({In(0)}, {Literals.Of(pool.Geometry.OutHeight)}, {Literals.Of(pool.Geometry.OutWidth)}, " +
                                        $"{name}, x, out var s{o}) is not {{ }} pool{o}) return null;");
                            w.WriteLine($"r.Pool{o} = pool{o};");
                            break;
                        case Pool2dOp pool:
                            var g = pool.Geometry;
                            long[] window = [g.KernelH, g.KernelW, g.StrideH, g.StrideW, g.PadH, g.PadW, g.DilationH, g.DilationW];
                            w.WriteLine($"r.Pool{o} = {Ops}.Pool2dShape({In(0)}, [{string.Join(", ", window.Select(Literals.Of))}], ceilMode: {Literals.Of(pool.Ceil)}, " +
                                        $"countIncludePad: {Literals.Of(pool.CountIncludePad)}, {name}, x, out var s{o});");
                            break;
                        case SoftmaxOp sm:
                            w.WriteLine($"var s{o} = {In(0)};");
                            w.WriteLine(op.InputSamples[0].Count == 0
                                ? $"r.Row{o} = {Literals.Of(sm.RowLength)};"
                                : $"r.Row{o} = checked((int)s{o}[s{o}.Length - 1]);");
                            break;
                        case ElementwiseOp { Broadcasts: true } e:
                            w.WriteLine($"r.Broadcast{o} = {Ops}.BroadcastLayout({In(0)}, {In(1)}, {Literals.Of(Literals.Comment(e.Source))}, x, out var s{o});");
                            break;
                        case ElementwiseOp e:
                            w.WriteLine($"// {Literals.Comment(e.Source)}: compiled for operands of one shape; operands that now broadcast run eagerly.");
                            w.WriteLine($"if ({Ops}.ElementwiseShape({In(0)}, {In(1)}, {Literals.Of(Literals.Comment(e.Source))}, x) is not {{ }} s{o}) return null;");
                            break;
                        case CatOp cat:
                            var parts = cat.Inputs.Select((_, j) => In(j)).ToList();
                            w.WriteLine($"r.Cat{o} = {Ops}.CatLayout({Literals.Of(cat.Dim)}, {Literals.Of(Literals.Comment(cat.Source))}, x, out var s{o}, " +
                                        $"{string.Join(", ", parts)});");
                            break;
                        default: // activations and dropout keep the shape
                            w.WriteLine($"var s{o} = {In(0)};");
                            break;
                    }
                    w.WriteLine($"r.N{o} = {Ops}.Numel(s{o});");
                }
                for (int k = 0; k < graph.Outputs.Count; k++)
                    w.WriteLine($"r.Out{k} = {SeenSample(w, graph, graph.Outputs[k], graph.OutputSamples[k], graph.Ops.Count + 1 + k)};");
                var scratch = ScratchValues(graph);
                w.WriteLine(scratch.Count == 0
                    ? "r.Scratch = 0;"
                    : $"r.Scratch = {scratch.Skip(1).Aggregate($"r.N{scratch[0]}", (a, v) => $"global::System.Math.Max({a}, r.N{v})")};");
                w.WriteLine("return r;");
            }
        }
    }

    // The expression for value v's sample as a reader sees it: the value's run-time shape, or, where a Flatten or View
    // showed it in another shape (compiled for the declared size), that shape while the value still has its declared
    // one; otherwise the view may mean something else (PyTorch's view decides), so the model runs eagerly.
    private static string SeenSample(SourceWriter w, PlanGraph graph, int v, EquatableArray<long> seen, int reader)
    {
        var declared = graph.Values[v].Sample;
        if (seen.Equals(declared)) return $"s{v}";
        static string List(EquatableArray<long> values) => "[" + string.Join(", ", values.Select(Literals.Of)) + "]";
        w.WriteLine($"if (!{Ops}.SameShape(s{v}, {List(declared)})) return null; // a view of value {v} compiled for its declared shape");
        w.WriteLine($"long[] s{v}as{reader} = {List(seen)};");
        return $"s{v}as{reader}";
    }

    private static string OpName(PlanOp op) => op switch
    {
        ParameterOp p => p.Module.Name,
        Pool2dOp pool => pool.Name,
        ActivationOp a => a.Name,
        SoftmaxOp sm => sm.Name,
        DropoutOp d => d.Module.Name,
        ElementwiseOp e => e.Source,
        CatOp cat => cat.Source,
        _ => op.GetType().Name,
    };
}
