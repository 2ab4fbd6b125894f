using System.Collections.Generic;
using StaticNet.Compiler.Model;

namespace StaticNet.Generators.Emit;

/// <summary>
/// The eager layer each declared kind becomes: its runtime type and constructor arguments (defaults left out, so the
/// generated code reads like the eager twin: <c>new Linear(784, 512)</c>, <c>new MaxPool2d(2)</c>).
/// </summary>
internal static class LayerConstruction
{
    public const string Namespace = "global::StaticNet.NN.";

    /// <summary>The runtime class: <c>global::StaticNet.NN.Linear</c>.</summary>
    public static string TypeOf(LayerKindSpec kind) => kind is BlockSpec block ? "global::" + block.FullName : Namespace + kind.TypeName;

    /// <summary>The arguments inside <c>new Linear(...)</c>.</summary>
    public static string Arguments(LayerKindSpec kind)
    {
        var args = new List<string>();
        switch (kind)
        {
            case LinearSpec l:
                args.Add(Literals.Of(l.In));
                args.Add(Literals.Of(l.Out));
                if (!l.Bias) args.Add("bias: false");
                break;
            case Conv2dSpec c:
                args.Add(Literals.Of(c.In));
                args.Add(Literals.Of(c.Out));
                args.Add(Literals.Of(c.Kernel));
                if (c.Stride != 1) args.Add("stride: " + Literals.Of(c.Stride));
                if (c.Padding != 0) args.Add("padding: " + Literals.Of(c.Padding));
                if (c.Dilation != 1) args.Add("dilation: " + Literals.Of(c.Dilation));
                if (c.Groups != 1) args.Add("groups: " + Literals.Of(c.Groups));
                if (!c.Bias) args.Add("bias: false");
                break;
            case Pool2dSpec p:
                args.Add(Literals.Of(p.Kernel));
                if (p.Stride != 0) args.Add("stride: " + Literals.Of(p.Stride));
                if (p.Padding != 0) args.Add("padding: " + Literals.Of(p.Padding));
                break;
            case AdaptiveAvgPool2dSpec a:
                args.Add(a.Height == a.Width && !a.IsPair ? Literals.Of(a.Height) : $"({Literals.Of(a.Height)}, {Literals.Of(a.Width)})");
                break;
            case FlattenSpec f when f.StartDim != 1 || f.EndDim != -1:
                args.Add(Literals.Of(f.StartDim));
                args.Add(Literals.Of(f.EndDim));
                break;
            case DropoutSpec d:
                args.Add(Literals.Of(d.P));
                break;
            case BatchNormSpec b:
                args.Add(Literals.Of(b.NumFeatures));
                if (b.Eps != 1e-5) args.Add("eps: " + Literals.Of(b.Eps));
                if (b.CumulativeAverage) args.Add("momentum: null");
                else if (b.Momentum != 0.1) args.Add("momentum: " + Literals.Of(b.Momentum));
                if (!b.Affine) args.Add("affine: false");
                break;
            case ActivationSpec { Inplace: true }:
                args.Add("inplace: true");
                break;
            case LeakyReLUSpec r when r.NegativeSlope != 0.01:
                args.Add(Literals.Of(r.NegativeSlope));
                break;
            case GELUSpec g when g.Approximate != "none":
                args.Add(Literals.Of(g.Approximate));
                break;
            case SoftmaxSpec s:
                args.Add(Literals.Of(s.Dim));
                break;
        }
        return string.Join(", ", args);
    }

    /// <summary>How the docs name the layer: <c>Linear(784, 512)</c>.</summary>
    public static string Display(LayerKindSpec kind) => $"{kind.TypeName}({Arguments(kind)})";

    /// <summary>The module a layer method registers: the layer's type, or Sequential for several.</summary>
    public static string ModuleType(LayerSpec layer) => layer.IsSequential ? Namespace + "Sequential" : TypeOf(layer.Kinds[0]);
}
