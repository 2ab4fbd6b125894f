namespace Cifar10Sample;

/// <summary>
/// A small stand-in for CIFAR-10 when the real files are missing: the same binary version (one label byte, then
/// the 32×32 red, green and blue planes) in <c>cifar-10-batches-bin/</c>, so <see cref="StaticNet.Vision.Cifar10"/>
/// reads it exactly as it reads the real set. Each class is a colored pattern (stripes, checks, a disc, ...)
/// with random offsets and noise: easy enough that LeNet learns it in a few hundred batches.
/// </summary>
public static class SyntheticCifar10
{
    private const int Side = 32;

    // One base color per class (RGB).
    private static readonly byte[][] Colors =
    [
        [200, 60, 60], [60, 200, 60], [60, 60, 200], [200, 200, 60], [200, 60, 200],
        [60, 200, 200], [230, 140, 40], [140, 40, 230], [120, 120, 120], [240, 240, 240],
    ];

    /// <summary>
    /// Writes <c>data_batch_1.bin</c> … <c>data_batch_5.bin</c> (<paramref name="trainPerFile"/> images each) and
    /// <c>test_batch.bin</c> (<paramref name="testCount"/> images) under <c>root/cifar-10-batches-bin</c>.
    /// </summary>
    public static void Write(string root, int trainPerFile = 100, int testCount = 200, int seed = 0)
    {
        string folder = Path.Combine(root, "cifar-10-batches-bin");
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        for (int file = 1; file <= 5; file++)
            File.WriteAllBytes(Path.Combine(folder, $"data_batch_{file}.bin"), Records(trainPerFile, random));
        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), Records(testCount, random));
    }

    private static byte[] Records(int count, Random random)
    {
        const int recordSize = 1 + 3 * Side * Side;
        var bytes = new byte[count * recordSize];
        for (int n = 0; n < count; n++)
        {
            int label = n % 10;   // balanced classes; the DataLoader shuffles the training set
            var record = bytes.AsSpan(n * recordSize, recordSize);
            record[0] = (byte)label;
            Draw(label, record[1..], random);
        }
        return bytes;
    }

    private static void Draw(int label, Span<byte> planes, Random random)
    {
        int dx = random.Next(8), dy = random.Next(8);
        for (int y = 0; y < Side; y++)
            for (int x = 0; x < Side; x++)
            {
                bool on = Pattern(label, x + dx, y + dy, x, y);
                for (int c = 0; c < 3; c++)
                {
                    int value = on ? Colors[label][c] : 255 - Colors[label][c] / 2;
                    value += random.Next(-40, 41);   // noise, so no two images are the same
                    planes[c * Side * Side + y * Side + x] = (byte)Math.Clamp(value, 0, 255);
                }
            }
    }

    private static bool Pattern(int label, int u, int v, int x, int y) => label switch
    {
        0 => v % 8 < 4,                                   // horizontal stripes
        1 => u % 8 < 4,                                   // vertical stripes
        2 => (u / 4 + v / 4) % 2 == 0,                    // checks
        3 => (x - 16) * (x - 16) + (y - 16) * (y - 16) < 100,   // a disc
        4 => (u + v) % 10 < 5,                            // diagonal stripes
        5 => (u - v + 64) % 10 < 5,                       // the other diagonal
        6 => Math.Abs(x - 16) < 4 || Math.Abs(y - 16) < 4,     // a cross
        7 => x > 6 && x < 26 && y > 6 && y < 26,          // a square
        8 => y > x,                                       // a triangle
        _ => (u % 8 < 2) || (v % 8 < 2),                  // a grid
    };
}
