using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Compiler.Model;

namespace StaticNet.Analyzers.CodeFixes;

/// <summary>
/// Declares a layer with the size it actually receives: <c>[Linear(16 * 5 * 5, 120)]</c> receiving <c>[B, 576]</c>
/// becomes <c>[Linear(576, 120)]</c> (SN0001), and <c>[Conv2d(8, 16, kernel: 3)]</c> receiving 6 channels becomes
/// <c>[Conv2d(6, 16, kernel: 3)]</c> (SN0002, also BatchNorm2d). The analyzer offers the value only when it is certain
/// (<see cref="ModelShapeAnalyzer.ReplacementKey"/>); the fix edits the layer's attribute, its additional location.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeclaredSizeCodeFixProvider)), Shared]
public sealed class DeclaredSizeCodeFixProvider : CodeFixProvider
{
    // The parameter each layer attribute takes its input size from, as a named argument may spell it.
    private static readonly string[] s_sizeParameters = ["inFeatures", "inChannels", "numFeatures"];

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.LinearInputMismatch, DiagnosticIds.ChannelMismatch];

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ModelShapeAnalyzer.ReplacementKey, out var text)
                || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int size)
                || diagnostic.AdditionalLocations.Count == 0
                || diagnostic.AdditionalLocations[0].SourceTree is not { } tree
                || context.Document.Project.Solution.GetDocument(tree) is not { } document)
                continue;

            var root = await tree.GetRootAsync(context.CancellationToken).ConfigureAwait(false);
            var attribute = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan).FirstAncestorOrSelf<AttributeSyntax>();
            if (attribute is null || SizeArgument(attribute) is not { } argument) continue;

            string title = $"Declare {attribute.Name} with {size.ToString(CultureInfo.InvariantCulture)} input {(diagnostic.Id == DiagnosticIds.LinearInputMismatch ? "features" : "channels")}";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => ReplaceAsync(document, argument, size, ct), equivalenceKey: diagnostic.Id + ".DeclareReceivedSize"),
                diagnostic);
        }
    }

    private static AttributeArgumentSyntax? SizeArgument(AttributeSyntax attribute)
    {
        var arguments = attribute.ArgumentList?.Arguments ?? default;
        return arguments.FirstOrDefault(a => a.NameColon is { } n && s_sizeParameters.Contains(n.Name.Identifier.ValueText))
            ?? arguments.FirstOrDefault(a => a.NameColon is null && a.NameEquals is null);
    }

    private static async Task<Document> ReplaceAsync(Document document, AttributeArgumentSyntax argument, int size, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(size))
            .WithTriviaFrom(argument.Expression);
        return document.WithSyntaxRoot(root!.ReplaceNode(argument.Expression, literal));
    }
}
