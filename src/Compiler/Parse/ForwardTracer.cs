using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Parse;

/// <summary>
/// Traces the <c>[Forward]</c> body into a data flow of <see cref="OpSpec"/>s: locals and assignments name values,
/// layer calls, functional ops, views, <c>+</c>/<c>*</c> and <c>Cat</c> produce new ones. The first construct it does
/// not understand stops the trace and is recorded as <see cref="UnsupportedSpec"/>: the model then runs eagerly.
/// </summary>
internal sealed partial class ForwardTracer
{
    private readonly SemanticModel _semanticModel;
    private readonly INamedTypeSymbol _modelType;
    private readonly HashSet<string> _layerNames;
    private readonly Dictionary<string, int> _locals = new(StringComparer.Ordinal);
    private readonly List<OpSpec> _ops = [];
    private readonly CancellationToken _cancellationToken;

    private ForwardTracer(SemanticModel semanticModel, INamedTypeSymbol modelType, IEnumerable<LayerSpec> layers, CancellationToken cancellationToken)
    {
        _semanticModel = semanticModel;
        _modelType = modelType;
        _layerNames = new HashSet<string>(layers.Select(l => l.MemberName), StringComparer.Ordinal);
        _cancellationToken = cancellationToken;
    }

    public static ForwardSpec Trace(IMethodSymbol method, INamedTypeSymbol type, IReadOnlyList<LayerSpec> layers, Compilation compilation,
        CancellationToken cancellationToken)
    {
        var syntax = method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
        var location = method.Locations.Length > 0 ? LocationInfo.From(method.Locations[0]) : null;
        var outputNames = method.ReturnType is INamedTypeSymbol { IsTupleType: true } tuple
            ? tuple.TupleElements.Select(e => e.Name).ToEquatableArray()
            : EquatableArray<string>.Empty;
        string returnType = method.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        string parameter = method.Parameters.Length == 1 ? method.Parameters[0].Name : "x";

        var outputs = new List<int>();
        UnsupportedSpec? unsupported = null;
        if (syntax is null || method.Parameters.Length != 1 || !ModelParser.IsTensor(method.Parameters[0].Type))
            unsupported = new UnsupportedSpec(method.Name, "a [Forward] method takes one Tensor", location);
        else
        {
            var tracer = new ForwardTracer(compilation.GetSemanticModel(syntax.SyntaxTree), type, layers, cancellationToken);
            tracer._locals[parameter] = 0;
            try
            {
                outputs = tracer.TraceBody(syntax);
            }
            catch (UnsupportedException e)
            {
                unsupported = new UnsupportedSpec(e.Node.ToString(), e.Message, LocationInfo.From(e.Node));
            }
            return new ForwardSpec(method.Name, parameter, returnType, outputNames, tracer._ops.ToEquatableArray(),
                (unsupported is null ? outputs : []).ToEquatableArray(), unsupported, location);
        }
        return new ForwardSpec(method.Name, parameter, returnType, outputNames, EquatableArray<OpSpec>.Empty, EquatableArray<int>.Empty,
            unsupported, location);
    }

    private List<int> TraceBody(MethodDeclarationSyntax method)
    {
        if (method.ExpressionBody is { } arrow) return Outputs(arrow.Expression);
        foreach (var statement in method.Body?.Statements ?? default)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (statement)
            {
                case LocalDeclarationStatementSyntax local:
                    foreach (var variable in local.Declaration.Variables)
                        _locals[variable.Identifier.ValueText] = Eval(variable.Initializer?.Value ?? throw Unsupported(variable, "a tensor local needs an initializer"));
                    break;
                case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax target } assignment }:
                    _locals[target.Identifier.ValueText] = Eval(assignment.Right);
                    break;
                case ReturnStatementSyntax { Expression: { } returned }:
                    return Outputs(returned);
                default:
                    throw Unsupported(statement, "only locals, assignments and one return are traced");
            }
        }
        throw Unsupported(method, "the body does not end with a return");
    }

    private List<int> Outputs(ExpressionSyntax returned) => returned is TupleExpressionSyntax tuple
        ? tuple.Arguments.Select(a => Eval(a.Expression)).ToList()
        : [Eval(returned)];

    private int Eval(ExpressionSyntax expression)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Eval(parenthesized.Expression);
            case IdentifierNameSyntax name when _locals.TryGetValue(name.Identifier.ValueText, out int value):
                return value;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) || binary.IsKind(SyntaxKind.MultiplyExpression):
                var kind = binary.IsKind(SyntaxKind.AddExpression) ? OpKind.Add : OpKind.Mul;
                int left = Eval(binary.Left), right = Eval(binary.Right);
                return Emit(kind, binary.OperatorToken.ValueText, [left, right], [], 0, "", binary);
            case InvocationExpressionSyntax invocation:
                return EvalInvocation(invocation);
            default:
                throw Unsupported(expression, "not a tensor expression the compiler understands");
        }
    }

    private int Emit(OpKind kind, string target, int[] inputs, long[] ints, double real, string text, SyntaxNode node)
    {
        _ops.Add(new OpSpec(kind, target, inputs.ToEquatableArray(), ints.ToEquatableArray(), real, text, LocationInfo.From(node))
        {
            InputNames = inputs.Select(LocalHolding).ToEquatableArray(),
            Source = node.ToString(),
        });
        return _ops.Count;
    }

    // The local that holds a value now (the first by ordinal name when several do), for messages; "" when none does.
    private string LocalHolding(int value) =>
        _locals.Where(l => l.Value == value).Select(l => l.Key).OrderBy(n => n, StringComparer.Ordinal).FirstOrDefault() ?? "";

    private static UnsupportedException Unsupported(SyntaxNode node, string reason) => new(node, reason);

    private sealed class UnsupportedException(SyntaxNode node, string reason) : Exception(reason)
    {
        public SyntaxNode Node { get; } = node;
    }
}
