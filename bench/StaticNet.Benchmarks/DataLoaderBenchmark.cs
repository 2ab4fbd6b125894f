using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using StaticNet.Data;

namespace StaticNet.Benchmarks;

/// <summary>
/// One epoch over a Fashion-MNIST-sized in-memory dataset (60,000 28×28 byte images → Float32 [1, 28, 28] in
/// [0, 1], Int64 labels) in batches of 64, with 0 and 2 worker threads; <see cref="ExpensiveTransform"/> adds a
/// per-sample 3×3 box blur repeated a few times, the kind of CPU-bound augmentation where workers pay off.
/// Kept short (one launch, three measured epochs): run with <c>--filter *DataLoader*</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class DataLoaderBenchmark
{
    private SyntheticImages _data = null!;

    [Params(0, 2)]
    public int NumWorkers { get; set; }

    [Params(false, true)]
    public bool ExpensiveTransform { get; set; }

    [GlobalSetup]
    public void Setup() => _data = new SyntheticImages(60_000, ExpensiveTransform ? 6 : 0);

    [Benchmark]
    public long Epoch()
    {
        long seen = 0;
        foreach (var (images, _) in new DataLoader<(Tensor Image, long Label)>(_data, batchSize: 64, numWorkers: NumWorkers))
            seen += images.Size(0);
        return seen;
    }

    private sealed class SyntheticImages : Dataset<(Tensor Image, long Label)>
    {
        private const int Side = 28, Pixels = Side * Side;
        private readonly byte[] _pixels;
        private readonly byte[] _labels;
        private readonly int _blurPasses;

        public SyntheticImages(int count, int blurPasses)
        {
            var random = new Random(0);
            _pixels = new byte[count * Pixels];
            _labels = new byte[count];
            random.NextBytes(_pixels);
            for (int i = 0; i < count; i++) _labels[i] = (byte)random.Next(10);
            _blurPasses = blurPasses;
        }

        public override int Count => _labels.Length;

        public override (Tensor Image, long Label) this[int index]
        {
            get
            {
                // ToTensor: bytes → floats in [0, 1].
                var image = new float[Pixels];
                var source = _pixels.AsSpan(index * Pixels, Pixels);
                for (int i = 0; i < Pixels; i++) image[i] = source[i] / 255f;
                for (int pass = 0; pass < _blurPasses; pass++) image = Blur(image);
                return (Torch.FromArray(image).View(1, Side, Side), _labels[index]);
            }
        }

        private static float[] Blur(float[] image)
        {
            var result = new float[Pixels];
            for (int y = 0; y < Side; y++)
                for (int x = 0; x < Side; x++)
                {
                    float sum = 0;
                    int n = 0;
                    for (int dy = -1; dy <= 1; dy++)
                        for (int dx = -1; dx <= 1; dx++)
                        {
                            int yy = y + dy, xx = x + dx;
                            if ((uint)yy < Side && (uint)xx < Side) { sum += image[yy * Side + xx]; n++; }
                        }
                    result[y * Side + x] = sum / n;
                }
            return result;
        }
    }
}
