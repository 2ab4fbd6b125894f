namespace StaticNet.Tests;

/// <summary>
/// A fact about an AVX-512 kernel: skipped, saying why, on a CPU without AVX-512F, where that kernel never runs (the
/// portable path it falls back to is covered by the tests that run everywhere).
/// </summary>
public sealed class Avx512FactAttribute : FactAttribute
{
    public Avx512FactAttribute()
    {
        if (!System.Runtime.Intrinsics.X86.Avx512F.IsSupported) Skip = "this CPU has no AVX-512F: the kernel under test does not run here.";
    }
}
