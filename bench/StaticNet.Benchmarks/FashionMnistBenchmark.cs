using BenchmarkDotNet.Attributes;
using StaticNet.Vision;

namespace StaticNet.Benchmarks;

/// <summary>
/// Fashion-MNIST loading (Debian's dataset-fashion-mnist files): reading the gzipped IDX files once, and indexing
/// all 60,000 training samples through ToTensor, which must not be the bottleneck of training.
/// Run: dotnet run -c Release --project bench/StaticNet.Benchmarks -- --filter *FashionMnist* --job short
/// </summary>
[MemoryDiagnoser]
public class FashionMnistBenchmark
{
    private FashionMnist _train = null!;

    [GlobalSetup]
    public void Setup() => _train = new FashionMnist(train: true, transform: new ToTensor());

    /// <summary>Every training sample, image through ToTensor, one at a time (no DataLoader).</summary>
    [Benchmark]
    public long IterateTrainingSetWithToTensor()
    {
        long checksum = 0;
        for (int i = 0; i < _train.Count; i++)
        {
            var (image, label) = _train[i];
            checksum += label + image.Numel;
        }
        return checksum;
    }

    /// <summary>Constructing the training split: gunzip and parse both IDX files.</summary>
    [Benchmark]
    public int LoadTrainingSplit() => new FashionMnist(train: true).Count;
}
