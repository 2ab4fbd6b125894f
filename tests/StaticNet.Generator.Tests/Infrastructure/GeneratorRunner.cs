using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace StaticNet.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="NetworkGenerator"/> over source text with plain <see cref="CSharpGeneratorDriver"/>.</summary>
internal static class GeneratorRunner
{
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Preview);

    // The running framework's assemblies plus StaticNet: enough to bind a model and compile what the generator emits.
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(Tensor).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "Declared",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, s_parseOptions, path: $"Model{i}.cs")),
        s_references.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        [new NetworkGenerator().AsSourceGenerator()],
        parseOptions: s_parseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns its result and the compilation with the generated files added.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(params string[] sources)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(Compile(sources), out var output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>The compiler's errors for the compilation with generated code, as text (empty when it compiles).</summary>
    public static string Errors(Compilation compilation) => string.Join("\n", compilation.GetDiagnostics()
        .Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));

    /// <summary>The source of a declared model in this project's Models folder.</summary>
    public static string ModelSource(string fileName) => File.ReadAllText(Path.Combine(ProjectDirectory, "Models", fileName));

    /// <summary>This test project's folder, recorded at build time.</summary>
    public static string ProjectDirectory { get; } = typeof(GeneratorRunner).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ProjectDirectory").Value!;
}
