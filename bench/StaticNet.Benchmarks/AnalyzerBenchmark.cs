using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNet.Analyzers;
using StaticNet.Generators;

namespace StaticNet.Benchmarks;

/// <summary>
/// The shape analyzer on a project of 50 declared LeNet-style models (a tenth of them with a Linear width error) and
/// 200 ordinary classes: how long the IDE waits for the diagnostics. The figure that matters is the analyzer's own
/// execution time (Roslyn's telemetry), not the compiler's binding, which any analyzer pays.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmark
{
    private CSharpCompilation _compilation = null!;
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers = [new ModelShapeAnalyzer()];

    [GlobalSetup]
    public void Setup() => _compilation = CreateProject(models: 50, plainClasses: 200);

    /// <summary>All analyzer diagnostics of a fresh compilation (the compiler binds the files, the analyzer runs).</summary>
    [Benchmark]
    public int Diagnostics() => Analyze(_compilation.Clone()).Diagnostics.Length;

    /// <summary>A Stopwatch loop: the analyzer's execution time per round, from Roslyn's telemetry.</summary>
    public static void Quick(int rounds = 10)
    {
        var compilation = CreateProject(models: 50, plainClasses: 200);
        var analyzer = new ModelShapeAnalyzer();
        for (int round = 1; round <= rounds; round++)
        {
            // For scale: what the compiler itself takes to bind and check the same project, with no analyzer.
            var compile = Stopwatch.StartNew();
            var errors = compilation.Clone().GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)
                .Where(d => d.Id != "CS8795").ToList(); // the models with a width error get no generated part, by design
            compile.Stop();
            if (errors.Count > 0) throw new InvalidOperationException($"the generated project has {errors.Count} compile errors, e.g. {errors[0]}");
            Console.Write($"compiler alone {compile.Elapsed.TotalMilliseconds:F0} ms; ");
            var sw = Stopwatch.StartNew();
            var (diagnostics, analyzerTime) = Analyze(compilation.Clone(), analyzer);
            Console.WriteLine($"round {round}: analyzer {analyzerTime.TotalMilliseconds:F1} ms " +
                              $"({analyzerTime.TotalMilliseconds / 50:F2} ms per model), whole pass {sw.Elapsed.TotalMilliseconds:F0} ms, " +
                              $"{diagnostics.Count(d => d.Id == "SN0001")} SN0001");
        }
    }

    private (ImmutableArray<Diagnostic> Diagnostics, TimeSpan AnalyzerTime) Analyze(Compilation compilation) =>
        Analyze(compilation, (ModelShapeAnalyzer)_analyzers[0]);

    private static (ImmutableArray<Diagnostic> Diagnostics, TimeSpan AnalyzerTime) Analyze(Compilation compilation, ModelShapeAnalyzer analyzer)
    {
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false,
            logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers([analyzer], options);
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        var telemetry = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult();
        return (diagnostics, telemetry.ExecutionTime);
    }

    private static CSharpCompilation CreateProject(int models, int plainClasses)
    {
        var trees = new List<SyntaxTree>();
        for (int i = 0; i < models; i++)
        {
            int width = i % 10 == 0 ? 400 : 576; // every tenth model declares seed 002's wrong width (400 for 576)
            trees.Add(CSharpSyntaxTree.ParseText($$"""
                using StaticNet;
                namespace Project.Models;
                [Model(Input = [1, 32, 32])]
                public partial class LeNet{{i}}
                {
                    [Conv2d(1, 6, kernel: 3)] public partial Tensor Conv1(Tensor x);
                    [Conv2d(6, 16, kernel: 3)] public partial Tensor Conv2(Tensor x);
                    [Linear({{width}}, 120)] public partial Tensor Fc1(Tensor x);
                    [Linear(120, 84)] public partial Tensor Fc2(Tensor x);
                    [Linear(84, 10)] public partial Tensor Fc3(Tensor x);
                    [Forward]
                    Tensor Network(Tensor x)
                    {
                        x = F.MaxPool2d(F.Relu(Conv1(x)), 2);
                        x = F.MaxPool2d(F.Relu(Conv2(x)), 2);
                        x = x.View(-1, 16 * 6 * 6);
                        x = F.Relu(Fc1(x));
                        x = F.Relu(Fc2(x));
                        return Fc3(x);
                    }
                }
                """, path: $"LeNet{i}.cs"));
        }
        for (int i = 0; i < plainClasses; i++)
        {
            var body = new StringBuilder();
            for (int m = 0; m < 5; m++) body.AppendLine($"    public int M{m}(int a) => a * {m} + {i};");
            trees.Add(CSharpSyntaxTree.ParseText($"namespace Project.Plain;\npublic class C{i}\n{{\n{body}}}\n", path: $"C{i}.cs"));
        }
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(Tensor).Assembly.Location));
        var compilation = CSharpCompilation.Create("Project", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        // The IDE analyzes the project with the generated parts present: run the generator once, as the build does.
        CSharpGeneratorDriver.Create(new NetworkGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
        return (CSharpCompilation)generated;
    }
}
