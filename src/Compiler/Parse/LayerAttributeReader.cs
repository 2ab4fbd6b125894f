using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Parse;

/// <summary>Turns one layer attribute (<c>[Conv2d(1, 6, kernel: 3)]</c>) into its <see cref="LayerKindSpec"/>.</summary>
internal static class LayerAttributeReader
{
    public static LayerKindSpec? Read(AttributeData attribute)
    {
        var a = new Arguments(attribute);
        return attribute.AttributeClass?.Name switch
        {
            "LinearAttribute" => new LinearSpec(a.Long(0), a.Long(1), a.Bool(2, true)),
            "Conv2dAttribute" => new Conv2dSpec(a.Long(0), a.Long(1), a.Long(2), a.Long(3, 1), a.Long(4), a.Long(5, 1), a.Long(6, 1), a.Bool(7, true)),
            "MaxPool2dAttribute" => new Pool2dSpec(true, a.Long(0), a.Long(1), a.Long(2)),
            "AvgPool2dAttribute" => new Pool2dSpec(false, a.Long(0), a.Long(1), a.Long(2)),
            "AdaptiveAvgPool2dAttribute" => new AdaptiveAvgPool2dSpec(a.Long(0), a.Long(1) == 0 ? a.Long(0) : a.Long(1)) { IsPair = a.Long(1) != 0 },
            "FlattenAttribute" => new FlattenSpec(a.Long(0, 1), a.Long(1, -1)),
            "DropoutAttribute" => new DropoutSpec(a.Double(0, 0.5)),
            "BatchNorm1dAttribute" => new BatchNormSpec(1, a.Long(0), a.Double(1, 1e-5), a.Double(2, 0.1), a.Bool(3, true), a.Bool(4, false)),
            "BatchNorm2dAttribute" => new BatchNormSpec(2, a.Long(0), a.Double(1, 1e-5), a.Double(2, 0.1), a.Bool(3, true), a.Bool(4, false)),
            "ReLUAttribute" => new ActivationSpec("ReLU", a.Bool(0, false)),
            "SigmoidAttribute" => new ActivationSpec("Sigmoid"),
            "TanhAttribute" => new ActivationSpec("Tanh"),
            "LeakyReLUAttribute" => new LeakyReLUSpec(a.Double(0, 0.01)),
            "GELUAttribute" => new GELUSpec(a.Text(0, "none")),
            "SoftmaxAttribute" => new SoftmaxSpec(false, a.Long(0)),
            "LogSoftmaxAttribute" => new SoftmaxSpec(true, a.Long(0)),
            _ => null,
        };
    }

    // Constructor arguments arrive complete (optional ones filled with their defaults) when the attribute binds.
    private readonly struct Arguments(AttributeData attribute)
    {
        private readonly ImmutableArray<TypedConstant> _values = attribute.ConstructorArguments;

        private object? Raw(int i) => i < _values.Length && _values[i].Kind != TypedConstantKind.Error ? _values[i].Value : null;

        public long Long(int i, long fallback = 0) => Raw(i) is int v ? v : fallback;

        public bool Bool(int i, bool fallback) => Raw(i) is bool v ? v : fallback;

        public double Double(int i, double fallback) => Raw(i) switch { double d => d, int n => n, _ => fallback };

        public string Text(int i, string fallback) => Raw(i) as string ?? fallback;
    }
}
