using System.Text.RegularExpressions;

namespace StaticNet.Tests.Architecture;

/// <summary>
/// The backend seam as a rule of the source tree: outside <c>src/Runtime/Kernels/</c> nothing names the CPU kernels'
/// namespace, so tensor ops, autograd, layers, losses, optimizers, the fused plans and the generated code reach the
/// kernels only through the backend contract (<c>Backends.Of(tensor)</c>), chosen by the tensors' device.
/// </summary>
public sealed partial class BackendSeamTests
{
    [GeneratedRegex(@"\bKernels\s*\.\s*Cpu\b")]
    private static partial Regex CpuKernelNamespace();

    [Fact]
    public void Nothing_outside_Kernels_names_the_CPU_kernels()
    {
        var root = RepositoryRoot();
        var runtime = Path.Combine(root, "src", "Runtime");
        var kernels = Path.Combine(runtime, "Kernels") + Path.DirectorySeparatorChar;
        var sources = Directory.EnumerateFiles(runtime, "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "src", "Generator"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !IsBuildOutput(f))
            .ToList();
        var outside = sources.Where(f => !f.StartsWith(kernels, StringComparison.Ordinal)).ToList();
        // The scan must see the tree (a wrong root would find nothing and pass).
        Assert.True(outside.Count > 100, $"expected the runtime's and generator's sources under {root}, found {outside.Count} files");
        Assert.Contains(sources, f => f.StartsWith(kernels, StringComparison.Ordinal));

        var offenders = (
            from file in outside
            from pair in File.ReadLines(file).Select((text, index) => (text, line: index + 1))
            where CpuKernelNamespace().IsMatch(pair.text)
            select $"{Path.GetRelativePath(root, file)}({pair.line}): {pair.text.Trim()}").ToList();
        Assert.True(offenders.Count == 0,
            "Outside src/Runtime/Kernels only the backend contract (StaticNet.Kernels: Backends.Of(tensor), IBackend and the operator " +
            "structs) may be used; these lines name StaticNet.Kernels.Cpu:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_rule_sees_a_violation()
    {
        // The pattern the rule applies, on the spellings a violation takes.
        Assert.Matches(CpuKernelNamespace(), "using StaticNet.Kernels.Cpu;");
        Assert.Matches(CpuKernelNamespace(), "StaticNet.Kernels.Cpu.Gemm.Gemm.Run(...)");
        Assert.Matches(CpuKernelNamespace(), "Kernels.Cpu.IndexLoop.Put(a, b, c, true);");
        Assert.DoesNotMatch(CpuKernelNamespace(), "using StaticNet.Kernels;");
        Assert.DoesNotMatch(CpuKernelNamespace(), "// the SIMD kernels of Kernels/Cpu");
    }

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ||
        path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "src", "Runtime", "StaticNet.csproj"))) return dir.FullName;
        throw new DirectoryNotFoundException($"src/Runtime/StaticNet.csproj not found above {AppContext.BaseDirectory}.");
    }
}
