using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generators.Tests.Infrastructure;

namespace StaticNet.Generators.Tests;

/// <summary>The pipeline keeps only values: an unrelated edit leaves every step cached, and no model holds a symbol.</summary>
public class IncrementalityTests
{
    private static readonly string[] s_steps = [TrackingNames.Parse, TrackingNames.InferShapes, TrackingNames.Emittable, TrackingNames.Lower];

    [Fact]
    public void AddingAnUnrelatedFileLeavesEveryStepCached()
    {
        var compilation = GeneratorRunner.Compile(GeneratorRunner.ModelSource("LeNet.cs"), GeneratorRunner.ModelSource("MyNeuralNet.cs"));
        var driver = GeneratorRunner.CreateDriver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results[0];

        var unrelated = CSharpSyntaxTree.ParseText("namespace Other; public static class Helper { public static int Two => 2; }",
            (CSharpParseOptions)compilation.SyntaxTrees.First().Options, path: "Other.cs");
        var second = driver.RunGenerators(compilation.AddSyntaxTrees(unrelated)).GetRunResult().Results[0];

        Assert.Equal(2, second.GeneratedSources.Length);
        foreach (var step in s_steps)
        {
            var outputs = second.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} ran again: {o.Reason}"));
        }
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        foreach (var step in s_steps)
            foreach (var output in first.TrackedSteps[step].SelectMany(s => s.Outputs))
                AssertHoldsNoCompilerObjects(output.Value, step);
    }

    [Fact]
    public void EditingAModelRegeneratesOnlyThatModel()
    {
        var lenet = GeneratorRunner.ModelSource("LeNet.cs");
        var compilation = GeneratorRunner.Compile(lenet, GeneratorRunner.ModelSource("MyNeuralNet.cs"));
        var driver = GeneratorRunner.CreateDriver().RunGenerators(compilation);
        var edited = CSharpSyntaxTree.ParseText(lenet.Replace("Linear(84, 10)", "Linear(84, 12)"),
            (CSharpParseOptions)compilation.SyntaxTrees.First().Options, path: compilation.SyntaxTrees.First().FilePath);
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), edited)).GetRunResult().Results[0];
        var reasons = result.TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        Assert.Contains(reasons, r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Contains("Linear(84, 12)", result.GeneratedSources.Single(s => s.HintName.EndsWith("LeNet.g.cs")).SourceText.ToString());
    }

    // NetEscapades' AssertObjectGraph: walk every field of a pipeline value; none may be a symbol, node or compilation.
    private static void AssertHoldsNoCompilerObjects(object? value, string step, HashSet<object>? visited = null)
    {
        visited ??= new HashSet<object>(ReferenceEqualityComparer.Instance);
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value)) return;
        Assert.False(value is ISymbol or SyntaxNode or Compilation or SemanticModel or Location or SyntaxTree,
            $"step {step} holds a {value.GetType().Name}");
        if (value is IEnumerable items)
            foreach (var item in items) AssertHoldsNoCompilerObjects(item, step, visited);
        for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                AssertHoldsNoCompilerObjects(field.GetValue(value), step, visited);
    }
}
