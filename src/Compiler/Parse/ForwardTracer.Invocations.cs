using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Parse;

internal sealed partial class ForwardTracer
{
    // The F functions (and Tensor methods of the same name) that keep their meaning in the fused plan.
    private static readonly HashSet<string> s_functional =
        ["Relu", "Sigmoid", "Tanh", "LeakyRelu", "Gelu", "Softmax", "LogSoftmax", "Dropout", "MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d"];

    private int EvalInvocation(InvocationExpressionSyntax invocation)
    {
        if (_semanticModel.GetOperation(invocation, _cancellationToken) is not IInvocationOperation call)
            throw Unsupported(invocation, "the call does not bind");
        var method = call.TargetMethod;
        string owner = method.ContainingType?.ToDisplayString() ?? "";
        var args = call.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).ToList();

        if (SymbolEqualityComparer.Default.Equals(method.ContainingType, _modelType) && _layerNames.Contains(method.Name))
            return Emit(OpKind.Layer, method.Name, [Tensor(args[0])], [], 0, "", invocation);

        if (owner == "StaticNet.F" && s_functional.Contains(method.Name))
            return Functional(method.Name, Tensor(args[0]), args.Skip(1).ToList(), invocation);

        if (owner == "StaticNet.Tensor" && call.Instance?.Syntax is ExpressionSyntax receiver)
        {
            switch (method.Name)
            {
                case "View" or "Reshape":
                    int source = Eval(receiver);
                    return Emit(OpKind.View, method.Name, [source], Sizes(args, invocation), 0, "", invocation);
                case "Flatten":
                    int flattened = Eval(receiver);
                    return Emit(OpKind.Flatten, method.Name, [flattened], [Constant(args[0], 0), Constant(args[1], -1)], 0, "", invocation);
                case var name when s_functional.Contains(name):
                    return Functional(name, Eval(receiver), args, invocation);
            }
        }

        if (owner == "StaticNet.Torch" && method.Name == "Cat" && args.Count >= 1)
        {
            var list = Unwrap(args[0].Value);
            IEnumerable<IOperation> elements = list switch
            {
                IArrayCreationOperation { Initializer: { } init } => init.ElementValues,
                ICollectionExpressionOperation collection => collection.Elements,
                _ => throw Unsupported(invocation, "Cat takes a list written in place: Torch.Cat([a, b], dim)"),
            };
            var inputs = elements.Select(e => Eval((ExpressionSyntax)e.Syntax)).ToArray();
            return Emit(OpKind.Cat, "Cat", inputs, [args.Count > 1 ? Constant(args[1], 0) : 0], 0, "", invocation);
        }
        throw Unsupported(invocation, $"'{method.ContainingType?.Name}.{method.Name}' is not a layer or an op the compiler knows");
    }

    private int Functional(string name, int input, List<IArgumentOperation> rest, InvocationExpressionSyntax invocation)
    {
        IArgumentOperation? Arg(string parameter) => rest.FirstOrDefault(a => a.Parameter?.Name == parameter);
        switch (name)
        {
            case "MaxPool2d" or "AvgPool2d":
                var kernel = Pair(Arg("kernelSize"), invocation) ?? throw Unsupported(invocation, "the kernel size must be a constant");
                var stride = Pair(Arg("stride"), invocation) ?? kernel;
                var padding = Pair(Arg("padding"), invocation) ?? (0, 0);
                var dilation = Pair(Arg("dilation"), invocation) ?? (1, 1);
                long ceil = Arg("ceilMode") is { } c && Unwrap(c.Value).ConstantValue is { HasValue: true, Value: true } ? 1 : 0;
                long[] window = [kernel.H, kernel.W, stride.H, stride.W, padding.H, padding.W, dilation.H, dilation.W, ceil];
                if (name == "AvgPool2d")
                {
                    // The divisor settings do not change the shape, but the fused plan must compute what F.AvgPool2d does.
                    // A setting that is not a constant reads as -1: the lowering then leaves the model eager.
                    long includePad = Arg("countIncludePad") is not { } i ? 1 : Unwrap(i.Value).ConstantValue switch
                    {
                        { HasValue: true, Value: bool b } => b ? 1 : 0,
                        _ => -1,
                    };
                    long divisor = Arg("divisorOverride") is not { } over ? 0 : Unwrap(over.Value).ConstantValue switch
                    {
                        { HasValue: true, Value: null } => 0,
                        { HasValue: true, Value: { } v } => System.Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture),
                        _ => Unwrap(over.Value) is IDefaultValueOperation ? 0 : -1,
                    };
                    window = [.. window, includePad, divisor];
                }
                return Emit(OpKind.Functional, name, [input], window, 0, "", invocation);
            case "AdaptiveAvgPool2d":
                var size = Pair(Arg("outputSize"), invocation) ?? throw Unsupported(invocation, "the output size must be a constant");
                return Emit(OpKind.Functional, name, [input], [size.H, size.W], 0, "", invocation);
            case "Softmax" or "LogSoftmax":
                return Emit(OpKind.Functional, name, [input], [Arg("dim") is { } d ? Constant(d, 0) : 0], 0, "", invocation);
            case "Dropout":
                return Emit(OpKind.Functional, name, [input], [], Arg("p") is { } p ? Real(p, 0.5) : 0.5, "", invocation);
            case "LeakyRelu":
                return Emit(OpKind.Functional, name, [input], [], Arg("negativeSlope") is { } s ? Real(s, 0.01) : 0.01, "", invocation);
            case "Gelu":
                string approximate = Arg("approximate") is { } g && Unwrap(g.Value).ConstantValue.Value is string text ? text : "none";
                return Emit(OpKind.Functional, name, [input], [], 0, approximate, invocation);
            default:
                return Emit(OpKind.Functional, name, [input], [], 0, "", invocation);
        }
    }

    private int Tensor(IArgumentOperation argument) => Eval((ExpressionSyntax)argument.Value.Syntax);

    // View(-1, 16 * 5 * 5): a params long[] whose elements must be constants.
    private long[] Sizes(List<IArgumentOperation> args, SyntaxNode node)
    {
        var values = args.SelectMany(a => Unwrap(a.Value) is IArrayCreationOperation { Initializer: { } init } ? init.ElementValues : [a.Value]);
        return values.Select(v => Unwrap(v).ConstantValue is { HasValue: true, Value: { } c }
            ? System.Convert.ToInt64(c, System.Globalization.CultureInfo.InvariantCulture)
            : throw Unsupported(node, "view sizes must be constants")).ToArray();
    }

    private long Constant(IArgumentOperation argument, long fallback) => Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: { } c }
        ? System.Convert.ToInt64(c, System.Globalization.CultureInfo.InvariantCulture)
        : argument.ArgumentKind == ArgumentKind.DefaultValue ? fallback : throw Unsupported(argument.Syntax, "the argument must be a constant");

    private static double Real(IArgumentOperation argument, double fallback) => Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: { } c }
        ? System.Convert.ToDouble(c, System.Globalization.CultureInfo.InvariantCulture)
        : fallback;

    // A Pair argument: 2, (2, 3), or an absent optional (null).
    private (long H, long W)? Pair(IArgumentOperation? argument, SyntaxNode node)
    {
        if (argument is null) return null;
        var value = Unwrap(argument.Value);
        if (value.ConstantValue is { HasValue: true, Value: null }) return null;
        if (value.ConstantValue is { HasValue: true, Value: { } c })
        {
            long v = System.Convert.ToInt64(c, System.Globalization.CultureInfo.InvariantCulture);
            return (v, v);
        }
        if (value is ITupleOperation { Elements.Length: 2 } tuple
            && Unwrap(tuple.Elements[0]).ConstantValue is { HasValue: true, Value: { } h }
            && Unwrap(tuple.Elements[1]).ConstantValue is { HasValue: true, Value: { } w })
            return (System.Convert.ToInt64(h, System.Globalization.CultureInfo.InvariantCulture), System.Convert.ToInt64(w, System.Globalization.CultureInfo.InvariantCulture));
        if (value is IDefaultValueOperation) return null;
        throw Unsupported(node, "size arguments must be constants");
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion) operation = conversion.Operand;
        return operation;
    }
}
