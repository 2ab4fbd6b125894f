using StaticNet.Kernels.Cpu;
using StaticNet.Kernels.Cpu.Gemm;
using StaticNet.Tests.LinearAlgebra;

namespace StaticNet.Tests.CpuKernels;

/// <summary>
/// The cache model behind the GEMM blocking (<see cref="GemmBlocking"/>): its figures for the CPUs in bench/results,
/// the cache detection it reads, and products that cross every block boundary of this machine's blocking.
/// </summary>
public class GemmBlockingTests
{
    [Theory]
    // AMD Zen 4 (L1d 32 KiB, L2 1 MiB): KC 384 is the depth measured best there with the 12 x 32 AVX-512 tile.
    [InlineData(32, 1024, 12, 32, 4, 384, 168, 320)]
    // AMD Zen 5 (48 KiB, 1 MiB) and Intel Emerald Rapids (48 KiB, 2 MiB).
    [InlineData(48, 1024, 12, 32, 4, 512, 120, 256)]
    [InlineData(48, 2048, 12, 32, 4, 512, 252, 512)]
    // Double halves the depth so the A micro-panel keeps its bytes; AVX2's 6 x 16 tile on a 32 KiB / 512 KiB core.
    [InlineData(32, 1024, 12, 16, 8, 192, 168, 336)]
    [InlineData(32, 512, 6, 16, 4, 512, 60, 128)]
    public void BlockingFollowsTheCaches(int l1KiB, int l2KiB, int mr, int nr, int bytes, int kc, int mc, int nc)
    {
        var blocking = GemmBlocking.For(new CpuCaches(l1KiB << 10, l2KiB << 10, "test"), mr, nr, bytes);
        Assert.Equal(new GemmBlocking(kc, mc, nc), blocking);
        // The roles the model promises: the A micro-panel within L1d, the B block within half of L2.
        Assert.True((long)mr * kc * bytes <= (l1KiB << 10) * 9 / 16);
        Assert.True((long)kc * nc * bytes <= (l2KiB << 10) / 2);
        Assert.Equal(0, nc % nr);
        Assert.Equal(0, mc % mr);
    }

    [Fact]
    public void TinyOrMissingCachesStillGiveWholePanels()
    {
        var blocking = GemmBlocking.For(new CpuCaches(1024, 4096, "test"), 12, 32, 4);
        Assert.Equal(new GemmBlocking(64, 12, 128), blocking);
    }

    [Fact]
    public void SysfsCacheDirectoryIsRead()
    {
        string root = Directory.CreateTempSubdirectory("staticnet-cache-").FullName;
        try
        {
            void Index(int i, int level, string type, string size)
            {
                string d = Path.Combine(root, $"index{i}");
                Directory.CreateDirectory(d);
                File.WriteAllText(Path.Combine(d, "level"), $"{level}\n");
                File.WriteAllText(Path.Combine(d, "type"), $"{type}\n");
                File.WriteAllText(Path.Combine(d, "size"), $"{size}\n");
            }
            Index(0, 1, "Data", "48K");
            Index(1, 1, "Instruction", "32K");
            Index(2, 2, "Unified", "2048K");
            Index(3, 3, "Unified", "105M");
            Assert.Equal(new CpuCaches(48 << 10, 2 << 20, "sysfs"), CpuCaches.FromSysfs(root));
            Assert.Null(CpuCaches.FromSysfs(Path.Combine(root, "absent")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ThisMachineHasPlausibleCaches()
    {
        var caches = CpuCaches.Current;
        Assert.InRange(caches.L1DataBytes, 8 << 10, 1 << 20);
        Assert.InRange(caches.L2Bytes, 128 << 10, 64 << 20);
    }

    [Fact]
    public void ProductsCrossingEveryBlockMatchReference()
    {
        // One more than each block of this machine's blocking in every dimension, on one thread and a team of two.
        var b = GemmBlocking<float, Avx512MicroKernel<float>>.Current;
        int m = Math.Min(b.MC + 13, 400), n = Math.Min(b.NC + 33, 700), k = Math.Min(b.KC + 9, 600);
        GemmTests.Check<float>("default", m, n, k, transA: false, transB: false, alpha: 1, beta: 0.5, threads: 1);
        GemmTests.Check<float>("default", m, n, k, transA: true, transB: true, alpha: 1, beta: 0, threads: 2);
        var d = GemmBlocking<double, Avx512MicroKernel<double>>.Current;
        GemmTests.Check<double>("default", Math.Min(d.MC + 5, 400), Math.Min(d.NC + 17, 700), Math.Min(d.KC + 3, 600),
            transA: false, transB: true, alpha: -1, beta: 1, threads: 2);
    }
}
