using System.Numerics;
using System.Runtime.InteropServices;
using StaticNet.NN;

namespace StaticNet.Tests.NN;

/// <summary>
/// The 2×2 stride-2 MaxPool2d (the vectorized path on AVX-512 machines, whole blocks and a partial last block) against a
/// window scan written here, bit for bit: every window holds one planted case — a NaN (with its own payload, so the bits
/// name the element) at each of the four positions, two NaNs, four equal values, −∞ everywhere, +0/−0, or random halves.
/// </summary>
public class MaxPool2dTwoByTwoTests
{
    private const int Batch = 2, Channels = 3, Planes = Batch * Channels;

    public static TheoryData<int, int> Widths()
    {
        var data = new TheoryData<int, int>();
        foreach (int ow in new[] { 1, 7, 15, 16, 17, 63, 65, 257 })
            foreach (int extra in new[] { 0, 1 }) data.Add(ow, extra);
        return data;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void OutputsAndIndicesMatchAWindowScanBitForBit(int ow, int extraColumn)
    {
        // Five rows: two output rows and a last input row that no window reads, as the extra column.
        int h = 5, w = 2 * ow + extraColumn;
        Check(Planted(h, w, seed: ow, nan: k => BitConverter.Int32BitsToSingle(0x7FC00000 | k)), h, w, transposed: false);
        Check(Planted(h, w, seed: ow, nan: k => BitConverter.Int64BitsToDouble(0x7FF8000000000000 | (long)k)), h, w, transposed: false);
    }

    [Theory]
    [InlineData(17, 0)]
    [InlineData(14, 0)]
    [InlineData(9, 1)]
    public void ANonContiguousInputPoolsItsLogicalValues(int ow, int extraColumn)
    {
        int h = 6, w = 2 * ow + extraColumn;
        Check(Planted(h, w, seed: 7, nan: k => BitConverter.Int32BitsToSingle(0x7FC00000 | k)), h, w, transposed: true);
        Check(Planted(h, w, seed: 7, nan: k => BitConverter.Int64BitsToDouble(0x7FF8000000000000 | (long)k)), h, w, transposed: true);
    }

    /// <summary>[Planes, h, w] values where window (plane, i, j) holds case (its number + seed) mod 11.</summary>
    private static T[] Planted<T>(int h, int w, int seed, Func<int, T> nan) where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        T Half() => T.CreateChecked(random.Next(-4, 5) / 2.0);
        var values = new T[Planes * h * w];
        for (int i = 0; i < values.Length; i++) values[i] = Half();
        int oh = h / 2, ow = w / 2, nanCount = 1;
        for (int p = 0; p < Planes; p++)
        for (int i = 0; i < oh; i++)
        for (int j = 0; j < ow; j++)
        {
            int at = (p * h + 2 * i) * w + 2 * j;
            int[] window = [at, at + 1, at + w, at + w + 1];
            switch (((p * oh + i) * ow + j + seed) % 11)
            {
                case var c when c < 4: values[window[c]] = nan(nanCount++); break;
                case 4: values[window[1]] = nan(nanCount++); values[window[3]] = nan(nanCount++); break;
                case 5: values[window[0]] = nan(nanCount++); values[window[2]] = nan(nanCount++); break;
                case 6: foreach (int e in window) values[e] = T.CreateChecked(1.5); break;
                case 7: foreach (int e in window) values[e] = T.NegativeInfinity; break;
                case 8: values[window[0]] = T.NegativeZero; values[window[1]] = T.Zero; values[window[2]] = T.Zero; values[window[3]] = -T.One; break;
                case 9: values[window[2]] = T.PositiveInfinity; values[window[3]] = T.PositiveInfinity; break;
                default: break; // random halves, often tied
            }
        }
        return values;
    }

    private static void Check<T>(T[] values, int h, int w, bool transposed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = transposed ? TransposedView(values, h, w) : Torch.FromArray(values).Reshape(Batch, Channels, h, w);
        var (y, indices) = F.MaxPool2dWithIndices(x, 2, stride: 2);
        var (expectedY, expectedIndices) = Scan(values, h, w);
        int oh = h / 2, ow = w / 2;
        Assert.Equal(new Size(Batch, Channels, oh, ow), y.Shape);
        var actualY = y.ToArray<T>();
        var actualIndices = indices.ToArray<long>();
        for (int o = 0; o < expectedY.Length; o++)
        {
            Assert.True(expectedIndices[o] == actualIndices[o], $"{typeof(T).Name} output {o}: index {actualIndices[o]}, expected {expectedIndices[o]}");
            Assert.True(Bits(expectedY[o]).SequenceEqual(Bits(actualY[o])), $"{typeof(T).Name} output {o}: {actualY[o]}, expected {expectedY[o]}");
        }
    }

    /// <summary>The same logical [N, C, h, w] tensor as a transpose of [N, C, w, h] storage.</summary>
    private static Tensor TransposedView<T>(T[] values, int h, int w) where T : unmanaged
    {
        var columnMajor = new T[values.Length];
        for (int p = 0; p < Planes; p++)
        for (int r = 0; r < h; r++)
        for (int c = 0; c < w; c++)
            columnMajor[(p * w + c) * h + r] = values[(p * h + r) * w + c];
        var x = Torch.FromArray(columnMajor).Reshape(Batch, Channels, w, h).Transpose(2, 3);
        Assert.False(x.IsContiguous);
        return x;
    }

    /// <summary>PyTorch's rule: scan the window row-major, take v when v &gt; max or v is NaN.</summary>
    private static (T[] Y, long[] Indices) Scan<T>(T[] values, int h, int w) where T : IFloatingPointIeee754<T>
    {
        int oh = h / 2, ow = w / 2;
        var y = new T[Planes * oh * ow];
        var indices = new long[y.Length];
        for (int p = 0; p < Planes; p++)
        for (int i = 0; i < oh; i++)
        for (int j = 0; j < ow; j++)
        {
            T max = T.Zero;
            long arg = -1;
            for (int r = 2 * i; r < 2 * i + 2; r++)
            for (int c = 2 * j; c < 2 * j + 2; c++)
            {
                T v = values[(p * h + r) * w + c];
                if (arg < 0 || v > max || T.IsNaN(v)) (max, arg) = (v, (long)r * w + c);
            }
            y[(p * oh + i) * ow + j] = max;
            indices[(p * oh + i) * ow + j] = arg;
        }
        return (y, indices);
    }

    private static byte[] Bits<T>(T value) where T : unmanaged => MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)).ToArray();
}
