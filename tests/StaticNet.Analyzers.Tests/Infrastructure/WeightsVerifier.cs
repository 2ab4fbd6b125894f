using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using StaticNet.Analyzers.Diagnostics;

namespace StaticNet.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="WeightsFileAnalyzer"/> as a user's build does: the model source, and in place of the weights file the
/// text image build/StaticNet.targets writes, with the StaticNetModel and StaticNetWeights metadata the package's props
/// make visible (here through a global analyzer config, which is how the compiler receives them).
/// </summary>
internal static class WeightsVerifier
{
    private static readonly ReferenceAssemblies s_net100 =
        new("net10.0", new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"), Path.Combine("ref", "net10.0"));

    /// <summary>Where the diagnostics point: the weights file the project lists (its image lives under obj/).</summary>
    public const string WeightsPath = "/app/model.safetensors";

    private const string ImagePath = "/app/obj/staticnet/model.safetensors.image.txt";

    /// <summary>The image of a whole file: one range, which is what the build writes for a file of up to 512 KiB.</summary>
    public static string ImageOf(byte[] file) =>
        $"staticnet-weights-image 1\nlength {file.Length}\nrange 0 {Convert.ToBase64String(file)}\n";

    /// <summary>A diagnostic of the weights check at the weights file, with its message.</summary>
    public static DiagnosticResult Expect(string id, string message) =>
        new DiagnosticResult(DiagnosticDescriptors.ById(id)).WithSpan(WeightsPath, 1, 1, 1, 1).WithMessage(message)
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    public static Task VerifyAsync(string source, string image, string model, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<WeightsFileAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = s_net100,
            // The generator does not run here: the partial layer methods' CS8795 is not under test.
            CompilerDiagnostics = CompilerDiagnostics.None,
            TestCode = AnalyzerVerifier.Usings + source,
        };
        test.TestState.AdditionalReferences.Add(typeof(Tensor).Assembly);
        test.TestState.AdditionalFiles.Add((ImagePath, SourceText.From(image, Encoding.UTF8)));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", $"""
            is_global = true

            [{ImagePath}]
            {WeightsFileAnalyzer.ModelMetadataKey} = {model}
            {WeightsFileAnalyzer.WeightsMetadataKey} = {WeightsPath}
            """));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
