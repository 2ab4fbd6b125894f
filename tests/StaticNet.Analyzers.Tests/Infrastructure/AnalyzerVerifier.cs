using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using StaticNet.Analyzers.CodeFixes;
using StaticNet.Analyzers.Diagnostics;

namespace StaticNet.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="ModelShapeAnalyzer"/> (and its code fix) over test sources with Microsoft.CodeAnalysis.Testing.
/// Sources mark each expected diagnostic inline, <c>{|SN0001:Fc1(x)|}</c>; the messages follow in marker order, so a
/// test checks id, span and exact text together.
/// </summary>
internal static partial class AnalyzerVerifier
{
    // ReferenceAssemblies.Net.Net100 asks for a Microsoft.NETCore.App.Ref version the registry here lacks.
    private static readonly ReferenceAssemblies s_net100 =
        new("net10.0", new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"), Path.Combine("ref", "net10.0"));

    /// <summary>The usings every model source starts with, as a user's file would.</summary>
    public const string Usings = "using StaticNet;\nusing static StaticNet.F;\n\n";

    /// <summary>Expects exactly the marked diagnostics, with these messages in marker order.</summary>
    public static Task VerifyAsync(string source, params string[] messages)
    {
        var test = new CSharpAnalyzerTest<ModelShapeAnalyzer, DefaultVerifier>();
        Configure(test);
        var (code, expected) = Prepare(source, messages);
        test.TestCode = code;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Like <see cref="VerifyAsync"/>, with the generator running first, as in a user's build.</summary>
    public static Task VerifyWithGeneratorAsync(string source, params string[] messages)
    {
        // The generated files are the generator tests' business (snapshots); here they only have to be there.
        var test = new WithGenerator { TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck };
        Configure(test);
        var (code, expected) = Prepare(source, messages);
        test.TestCode = code;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private sealed class WithGenerator : CSharpAnalyzerTest<ModelShapeAnalyzer, DefaultVerifier>
    {
        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(StaticNet.Generators.NetworkGenerator)];
    }

    /// <summary>
    /// Expects the marked diagnostics in <paramref name="source"/>, applies the code fix, and expects <paramref name="fixedSource"/>
    /// without diagnostics; a <paramref name="fixedSource"/> equal to the source means no fix may be offered.
    /// </summary>
    public static Task VerifyFixAsync(string source, string fixedSource, params string[] messages)
    {
        var test = new CSharpCodeFixTest<ModelShapeAnalyzer, DeclaredSizeCodeFixProvider, DefaultVerifier>();
        Configure(test);
        test.FixedState.AdditionalReferences.Add(typeof(Tensor).Assembly);
        var (code, expected) = Prepare(source, messages);
        test.TestCode = code;
        test.ExpectedDiagnostics.AddRange(expected);
        if (fixedSource == source)
        {
            test.FixedCode = code;
            test.FixedState.ExpectedDiagnostics.AddRange(expected);
        }
        else test.FixedCode = Usings + fixedSource;
        return test.RunAsync();
    }

    private static void Configure(AnalyzerTest<DefaultVerifier> test)
    {
        test.ReferenceAssemblies = s_net100;
        // Layer methods are partial declarations the generator implements; it does not run here, so the compiler's own
        // diagnostics (CS8795) are not under test. Every analyzer diagnostic is.
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.TestState.AdditionalReferences.Add(typeof(Tensor).Assembly);
    }

    // {|SN0001:...|} marks diagnostic i (location #i); {|layer:...|} marks the layer attribute a diagnostic names as its
    // additional location (the place a code fix edits), in the same order. Diagnostics without one ignore theirs.
    private static (string Code, List<DiagnosticResult> Expected) Prepare(string source, string[] messages)
    {
        int index = 0, attributes = 0;
        var ids = new List<string>();
        string code = Marker().Replace(source, m =>
        {
            ids.Add(m.Groups[1].Value);
            return "{|#" + index++ + ":";
        });
        code = Usings + AttributeMarker().Replace(code, _ => "{|#" + (AttributeBase + attributes++) + ":");
        Assert.Equal(ids.Count, messages.Length);
        var expected = new List<DiagnosticResult>();
        for (int i = 0; i < ids.Count; i++)
        {
            var result = new DiagnosticResult(DiagnosticDescriptors.ById(ids[i])).WithLocation(i).WithMessage(messages[i]);
            expected.Add(i < attributes
                ? result.WithLocation(AttributeBase + i)
                : result.WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        }
        return (code, expected);
    }

    private const int AttributeBase = 100;

    [GeneratedRegex(@"\{\|layer:")]
    private static partial Regex AttributeMarker();

    [GeneratedRegex(@"\{\|(SN\d{4}):")]
    private static partial Regex Marker();
}
