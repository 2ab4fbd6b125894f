using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Bench;

/// <summary>The '#' context lines: StaticNet version and commit, SIMD path, threads, runtime.</summary>
internal static class Context
{
    public static void Print(int threads, IEnumerable<string> variants, bool jitWarmup)
    {
        var assembly = typeof(Tensor).Assembly;
        string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                         ?? assembly.GetName().Version?.ToString() ?? "unknown";
        Report.Line($"# staticnet={version} variants={string.Join(",", variants)} jit_warmup={(jitWarmup ? "on" : "off")}");
        Report.Line($"# simd: Vector512.IsHardwareAccelerated={Vector512.IsHardwareAccelerated} Vector256.IsHardwareAccelerated={Vector256.IsHardwareAccelerated} " +
                    $"Avx512F={Avx512F.IsSupported} Avx2={Avx2.IsSupported} Fma={Fma.IsSupported} Vector<float>.Count={System.Numerics.Vector<float>.Count}");
        Report.Line($"# threads={Torch.GetNumThreads()} (requested {threads}) processors={Environment.ProcessorCount} " +
                    $"runtime={RuntimeInformation.FrameworkDescription} os={RuntimeInformation.OSDescription.Replace(' ', '_')} " +
                    $"gc={(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} " +
                    $"quick_jit={Jit("TieredCompilation.QuickJit")} tiered_pgo={Jit("TieredPGO")}");
    }

    // A runtime setting as the process runs with it: the DOTNET_ variable overrides the app's runtimeconfig.json.
    private static string Jit(string setting)
    {
        string variable = "DOTNET_" + (setting.StartsWith("TieredCompilation.", StringComparison.Ordinal) ? "TC_" + setting["TieredCompilation.".Length..] : setting);
        if (Environment.GetEnvironmentVariable(variable) is { } value) return $"{value}({variable})";
        return AppContext.GetData("System.Runtime." + setting)?.ToString() ?? "default";
    }
}
