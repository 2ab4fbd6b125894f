using System.Globalization;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels.Cpu;

/// <summary>The per-core data caches of the CPU this process runs on, as the blocked kernels size their blocks by.</summary>
/// <param name="L1DataBytes">The level-1 data cache of one core.</param>
/// <param name="L2Bytes">The level-2 cache of one core (private on every x86 core the project meets).</param>
/// <param name="Source">Where the figures came from (sysfs, a CPUID leaf, or the defaults), for diagnostics.</param>
internal sealed record CpuCaches(long L1DataBytes, long L2Bytes, string Source)
{
    /// <summary>Used when nothing can be read: the smallest L1d/L2 of the x86-64 cores with AVX2 (Zen 2–4: 32 KiB / 512 KiB–1 MiB).</summary>
    public static readonly CpuCaches Defaults = new(32 << 10, 512 << 10, "defaults");

    /// <summary>This machine's caches, read once.</summary>
    public static CpuCaches Current { get; } = Detect();

    /// <summary>
    /// sysfs first (what the kernel parsed from the firmware), then CPUID: the deterministic cache leaves (4 on Intel,
    /// 0x8000001D on AMD), then AMD's legacy 0x80000005/0x80000006. Virtual machines often hide one of them (the
    /// Firecracker VMs here have no sysfs cache directory and zeroed deterministic leaves, but fill 0x80000005/6).
    /// </summary>
    private static CpuCaches Detect()
    {
        try
        {
            return FromSysfs("/sys/devices/system/cpu/cpu0/cache") ?? FromCpuid() ?? Defaults;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return FromCpuid() ?? Defaults;
        }
    }

    internal static CpuCaches? FromSysfs(string directory)
    {
        if (!Directory.Exists(directory)) return null;
        long l1 = 0, l2 = 0;
        foreach (var index in Directory.EnumerateDirectories(directory, "index*"))
        {
            string Read(string name) => File.ReadAllText(Path.Combine(index, name)).Trim();
            if (!File.Exists(Path.Combine(index, "size"))) continue;
            string type = Read("type");
            long size = ParseSize(Read("size"));
            int level = int.Parse(Read("level"), CultureInfo.InvariantCulture);
            if (level == 1 && type == "Data") l1 = size;
            else if (level == 2 && type is "Unified" or "Data") l2 = size;
        }
        return l1 > 0 && l2 > 0 ? new CpuCaches(l1, l2, "sysfs") : null;
    }

    /// <summary>sysfs sizes: "48K", "1024K", "2M".</summary>
    internal static long ParseSize(string text)
    {
        long unit = text[^1] switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, _ => 1 };
        return long.Parse(unit == 1 ? text : text[..^1], CultureInfo.InvariantCulture) * unit;
    }

    private static CpuCaches? FromCpuid()
    {
        if (!X86Base.IsSupported) return null;
        var (maxLeaf, _, _, _) = X86Base.CpuId(0, 0);
        var (maxExtended, _, _, _) = X86Base.CpuId(unchecked((int)0x80000000), 0);
        if (maxLeaf >= 4 && Deterministic(4) is { } intel) return intel with { Source = "cpuid 4" };
        if ((uint)maxExtended >= 0x8000001D && Deterministic(unchecked((int)0x8000001D)) is { } amd) return amd with { Source = "cpuid 0x8000001D" };
        if ((uint)maxExtended >= 0x80000006)
        {
            var (_, _, l1, _) = X86Base.CpuId(unchecked((int)0x80000005), 0);
            var (_, _, l2, _) = X86Base.CpuId(unchecked((int)0x80000006), 0);
            long l1Bytes = (long)((uint)l1 >> 24) << 10, l2Bytes = (long)((uint)l2 >> 16) << 10;
            if (l1Bytes > 0 && l2Bytes > 0) return new CpuCaches(l1Bytes, l2Bytes, "cpuid 0x80000005/6");
        }
        return null;
    }

    /// <summary>The deterministic cache parameters leaf: one sub-leaf per cache, ways·partitions·line·sets bytes each.</summary>
    private static CpuCaches? Deterministic(int leaf)
    {
        long l1 = 0, l2 = 0;
        for (int sub = 0; sub < 16; sub++)
        {
            var (a, b, c, _) = X86Base.CpuId(leaf, sub);
            int type = a & 0x1f;   // 0: no more caches, 1: data, 2: instruction, 3: unified
            if (type == 0) break;
            int level = (a >> 5) & 7;
            long bytes = (long)(((b >> 22) & 0x3ff) + 1) * (((b >> 12) & 0x3ff) + 1) * ((b & 0xfff) + 1) * ((long)(uint)c + 1);
            if (level == 1 && type == 1) l1 = bytes;
            else if (level == 2 && type is 1 or 3) l2 = bytes;
        }
        return l1 > 0 && l2 > 0 ? new CpuCaches(l1, l2, "") : null;
    }
}
