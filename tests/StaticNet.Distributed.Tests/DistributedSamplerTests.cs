using System.Diagnostics;
using System.Text.Json;

namespace StaticNet.Distributed.Tests;

/// <summary>
/// DistributedSampler's indices: hand-derived cases (padding from the head, dropLast, every rank's share disjoint and
/// covering), and PyTorch's own <c>DistributedSampler</c> run by /usr/bin/python3 for shuffled cases with several seeds,
/// epochs, sizes and replica counts (skipped, saying why, without Debian's python3-torch).
/// </summary>
public class DistributedSamplerTests
{
    private static int[] Share(int n, int replicas, int rank, bool shuffle = false, ulong seed = 0, int epoch = 0, bool dropLast = false)
    {
        var s = new DistributedSampler(n, replicas, rank, shuffle, seed, dropLast);
        s.SetEpoch(epoch);
        var indices = s.ToArray();
        Assert.Equal(s.Count, indices.Length);
        return indices;
    }

    [Fact]
    public void WithoutShuffleRanksTakeEveryNthIndexPaddedFromTheHead()
    {
        // 10 indices over 3 ranks: ceil(10/3) = 4 each, total 12, padded with 0 and 1.
        Assert.Equal([0, 3, 6, 9], Share(10, 3, 0));
        Assert.Equal([1, 4, 7, 0], Share(10, 3, 1));
        Assert.Equal([2, 5, 8, 1], Share(10, 3, 2));
        // dropLast: ceil((10 − 3)/3) = 3 each, the tail 9 dropped.
        Assert.Equal([0, 3, 6], Share(10, 3, 0, dropLast: true));
        Assert.Equal([2, 5, 8], Share(10, 3, 2, dropLast: true));
        // Fewer samples than ranks: the padding repeats the list.
        Assert.Equal([1], Share(2, 5, 1));
        Assert.Equal([0], Share(2, 5, 4));
        Assert.Empty(Share(2, 5, 4, dropLast: true));
        Assert.Empty(Share(0, 2, 1));
    }

    [Fact]
    public void ShuffledSharesAreDisjointCoverTheDatasetAndChangeWithTheEpoch()
    {
        var epoch0 = Enumerable.Range(0, 4).SelectMany(r => Share(1000, 4, r, shuffle: true, seed: 3)).ToArray();
        Assert.Equal(Enumerable.Range(0, 1000), epoch0.Order());
        // The same permutation as randperm(1000) seeded with seed + epoch, dealt round robin.
        var perm = Torch.RandPerm(1000, generator: new Generator(3 + 1)).ToArray<long>();
        Assert.Equal(perm.Where((_, i) => i % 4 == 2).Select(i => (int)i), Share(1000, 4, 2, shuffle: true, seed: 3, epoch: 1));
        Assert.NotEqual(Share(1000, 4, 2, shuffle: true, seed: 3, epoch: 0), Share(1000, 4, 2, shuffle: true, seed: 3, epoch: 1));
    }

    [Fact]
    public void BadArgumentsAreReportedAsPyTorchDoes()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedSampler(10, numReplicas: 2, rank: 2));
        Assert.StartsWith("Invalid rank 2, rank should be in the interval [0, 1]", e.Message);
        Assert.Throws<DistributedException>(() => new DistributedSampler(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedSampler(10, numReplicas: 0, rank: 0));
    }

    [TorchFact]
    public void IndicesEqualPyTorchsDistributedSampler()
    {
        const string Python = TorchFactAttribute.Python;
        (int N, int Replicas, int Rank, bool Shuffle, int Seed, int Epoch, bool DropLast)[] cases =
        [
            (100, 2, 0, true, 0, 0, false), (100, 2, 1, true, 0, 0, false), (101, 2, 1, true, 0, 3, false),
            (101, 4, 3, true, 42, 1, true), (60000, 8, 5, true, 0, 2, false), (7, 3, 2, true, 5, 0, false),
            (7, 3, 0, false, 0, 0, true), (1000, 3, 1, true, 123456789, 9, true),
        ];
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("""
            import json, sys
            from torch.utils.data.distributed import DistributedSampler
            out = []
            for n, replicas, rank, shuffle, seed, epoch, drop in json.loads(sys.argv[1]):
                s = DistributedSampler(range(n), num_replicas=replicas, rank=rank, shuffle=shuffle, seed=seed, drop_last=drop)
                s.set_epoch(epoch)
                out.append(list(s))
            print(json.dumps(out))
            """);
        info.ArgumentList.Add(JsonSerializer.Serialize(cases.Select(c => new object[] { c.N, c.Replicas, c.Rank, c.Shuffle, c.Seed, c.Epoch, c.DropLast })));
        using var p = Process.Start(info)!;
        string stdout = p.StandardOutput.ReadToEnd(), stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, stderr);
        var expected = JsonSerializer.Deserialize<int[][]>(stdout)!;
        for (int i = 0; i < cases.Length; i++)
        {
            var c = cases[i];
            Assert.Equal(expected[i], Share(c.N, c.Replicas, c.Rank, c.Shuffle, (ulong)c.Seed, c.Epoch, c.DropLast));
        }
    }
}

/// <summary>A fact skipped, saying why, where /usr/bin/python3 cannot import torch (Debian's python3-torch).</summary>
public sealed class TorchFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> s_missing = new(() =>
    {
        if (!File.Exists(Python)) return $"{Python} is not installed";
        var info = new ProcessStartInfo(Python, ["-c", "import torch"]) { RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(info)!;
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? null : $"{Python} cannot import torch (apt-get install python3-torch; CI installs it)";
    });

    public TorchFactAttribute()
    {
        if (s_missing.Value is { } why) Skip = why;
    }
}
