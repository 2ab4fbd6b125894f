using StaticNet.Fused;

namespace StaticNet.Generators.Tests;

/// <summary>
/// The broadcast and Cat kernels generated plans call, on hand-computed numbers: NumPy broadcasting forward, the gradient
/// summed over the stretched dimensions, each Cat input's part of every row, and clear errors for sizes that do not fit.
/// </summary>
public class FusedLayoutKernelTests
{
    [Fact]
    public void ARowStretchedOverColumnsAddsAndMultipliesPerRow()
    {
        // Two samples of [2, 3] with [2, 1]: each row of a meets one element of b.
        var layout = new FusedBroadcast([2, 3], [2, 3], [2, 1]);
        double[] a = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        double[] b = [10, 20, 30, 40];
        var sum = new double[12];
        FusedOps.Broadcast<double>(a, b, 2, layout, multiply: false, sum);
        Assert.Equal([10, 11, 12, 23, 24, 25, 36, 37, 38, 49, 50, 51], sum);
        var product = new double[12];
        FusedOps.Broadcast<double>(a, b, 2, layout, multiply: true, product);
        Assert.Equal([0, 10, 20, 60, 80, 100, 180, 210, 240, 360, 400, 440], product);

        // d(a + b)/db: dY summed over each row; d(a ⊙ b)/db: Σ dY ⊙ a over each row; d(a ⊙ b)/da: dY times b's element.
        double[] dy = [1, 1, 1, 1, 2, 3, 0, 0, 1, 2, 2, 2];
        var db = new double[4];
        FusedOps.BroadcastBackward<double>(dy, default, 2, layout, 1, accumulate: false, db);
        Assert.Equal([3, 6, 1, 6], db);
        FusedOps.BroadcastBackward<double>(dy, a, 2, layout, 1, accumulate: false, db);
        Assert.Equal([0 + 1 + 2, 3 + 8 + 15, 8, 2 * (9 + 10 + 11)], db);
        var da = new double[12];
        Array.Fill(da, 100);
        FusedOps.BroadcastBackward<double>(dy, b, 2, layout, 0, accumulate: true, da);
        Assert.Equal([110, 110, 110, 120, 140, 160, 100, 100, 130, 180, 180, 180], da);
    }

    [Fact]
    public void AnOuterSumStretchesBothOperandsAndEachGradientSumsOverTheOtherAxis()
    {
        // One sample: [1, 3] + [2, 1] → [2, 3].
        var layout = new FusedBroadcast([2, 3], [1, 3], [2, 1]);
        var y = new double[6];
        FusedOps.Broadcast<double>(new double[] { 1, 2, 3 }, new double[] { 10, 20 }, 1, layout, multiply: false, y);
        Assert.Equal([11, 12, 13, 21, 22, 23], y);
        double[] dy = [1, 2, 3, 4, 5, 6];
        var da = new double[3];
        var db = new double[2];
        FusedOps.BroadcastBackward<double>(dy, default, 1, layout, 0, accumulate: false, da);
        FusedOps.BroadcastBackward<double>(dy, default, 1, layout, 1, accumulate: false, db);
        Assert.Equal([5, 7, 9], da);
        Assert.Equal([6, 15], db);
        // The product's gradient of a: Σ over the rows of dY ⊙ b.
        FusedOps.BroadcastBackward<double>(dy, new double[] { 10, 20 }, 1, layout, 0, accumulate: false, da);
        Assert.Equal([10 + 80, 20 + 100, 30 + 120], da);
    }

    [Fact]
    public void ShapesThatDoNotBroadcastOrBuffersThatDoNotFitAreClearErrors()
    {
        var e = Assert.Throws<ArgumentException>(() => new FusedBroadcast([2, 3], [2, 2], [2, 3]));
        Assert.Contains("[2, 2] and [2, 3] do not broadcast to [2, 3]", e.Message);
        var layout = new FusedBroadcast([2, 3], [2, 3], [2, 1]);
        var wrong = Assert.Throws<ArgumentException>(() => FusedOps.Broadcast<double>(new double[6], new double[2], 2, layout, false, new double[12]));
        Assert.Contains("need 12 and 4 elements and the result 12, but they have 6, 2 and 12", wrong.Message);
    }

    [Fact]
    public void CatPartsAlternateRowByRowAndTheBackwardTakesEachSlice()
    {
        // Two samples of [2, 2] and [2, 1] joined along dimension 2 → [2, 3]: rows of 2 + 1 elements.
        var layout = new FusedConcat(2, [2, 1]);
        var y = new double[12];
        FusedOps.CatPart<double>(new double[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 2, layout, 0, y);
        FusedOps.CatPart<double>(new double[] { -1, -2, -3, -4 }, 2, layout, 1, y);
        Assert.Equal([1, 2, -1, 3, 4, -2, 5, 6, -3, 7, 8, -4], y);
        var g0 = new double[8];
        var g1 = new double[4];
        Array.Fill(g1, 1);
        FusedOps.CatPartBackward<double>(y, 2, layout, 0, accumulate: false, g0);
        FusedOps.CatPartBackward<double>(y, 2, layout, 1, accumulate: true, g1);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], g0);
        Assert.Equal([0, -1, -2, -3], g1);
        var e = Assert.Throws<ArgumentException>(() => FusedOps.CatPart<double>(new double[5], 2, layout, 0, y));
        Assert.Contains("input 0 needs 8 elements and the result 12, but they have 5 and 12", e.Message);
    }
}
