using StaticNet.Vision;

namespace StaticNet.Tests.Vision;

/// <summary>Utils.MakeGrid against torchvision 0.14's make_grid (values from its source run on PyTorch 1.13).</summary>
public class MakeGridTests
{
    // Three 1×2×2 images: image k holds 10k + (0, 1, 2, 3).
    private static Tensor ThreeImages() => Torch.Stack([.. Enumerable.Range(0, 3).Select(k => Torch.Arange(0.0, 4.0, 1.0).View(1, 2, 2) + 10.0 * k)], 0);

    [Theory]
    [InlineData(new long[] { 4, 3, 32, 32 }, 8, 2, new long[] { 3, 36, 138 })]   // seed 002's CIFAR batch of 4
    [InlineData(new long[] { 64, 1, 28, 28 }, 8, 2, new long[] { 3, 242, 242 })] // a Fashion-MNIST batch
    [InlineData(new long[] { 10, 3, 5, 7 }, 4, 0, new long[] { 3, 15, 28 })]
    [InlineData(new long[] { 1, 1, 5, 7 }, 8, 2, new long[] { 3, 5, 7 })]       // a batch of one: no padding
    [InlineData(new long[] { 1, 5, 7 }, 8, 2, new long[] { 3, 5, 7 })]
    [InlineData(new long[] { 5, 7 }, 8, 2, new long[] { 3, 5, 7 })]
    public void OutputShapesMatchTorchvision(long[] input, int nrow, int padding, long[] expected)
    {
        Assert.Equal(expected, Utils.MakeGrid(Torch.Zeros(input), nrow, padding).Shape.ToArray());
    }

    [Fact]
    public void ImagesArePlacedRowByRowInsidePadValue()
    {
        var grid = Utils.MakeGrid(ThreeImages(), nrow: 2, padding: 1, padValue: 0.5);
        Assert.Equal(new long[] { 3, 7, 7 }, grid.Shape.ToArray());
        float p = 0.5f;
        float[] channel =
        [
            p, p, p, p, p, p, p,
            p, 0, 1, p, 10, 11, p,
            p, 2, 3, p, 12, 13, p,
            p, p, p, p, p, p, p,
            p, 20, 21, p, p, p, p,
            p, 22, 23, p, p, p, p,
            p, p, p, p, p, p, p,
        ];
        var all = grid.ToArray<float>();
        for (int c = 0; c < 3; c++) Assert.Equal(channel, all[(c * 49)..((c + 1) * 49)]);
    }

    [Fact]
    public void NormalizeUsesTheBatchRangeOrEachImagesOrAGivenRange()
    {
        var batch = Utils.MakeGrid(ThreeImages(), nrow: 3, padding: 0, normalize: true).ToArray<float>()[..12];
        float[] expectedBatch = [0f, 0.043478261679410934f, 0.43478259444236755f, 0.47826087474823f, 0.8695651888847351f, 0.9130434989929199f,
                                 0.08695652335882187f, 0.1304347813129425f, 0.52173912525177f, 0.5652173757553101f, 0.95652174949646f, 1f];
        for (int i = 0; i < 12; i++) Assert.Equal(expectedBatch[i], batch[i], 6);
        var each = Utils.MakeGrid(ThreeImages(), nrow: 3, padding: 0, normalize: true, scaleEach: true).ToArray<float>()[..6];
        for (int i = 0; i < 6; i++) Assert.Equal(new[] { 0f, 1 / 3f, 0f, 1 / 3f, 0f, 1 / 3f }[i], each[i], 6);
        var ranged = Utils.MakeGrid(ThreeImages(), nrow: 3, padding: 0, normalize: true, valueRange: (1, 11)).ToArray<float>()[..6];
        for (int i = 0; i < 6; i++) Assert.Equal(new[] { 0f, 0f, 0.9f, 1f, 1f, 1f }[i], ranged[i], 6);
    }

    [Fact]
    public void NormalizeDoesNotModifyTheInput()
    {
        var images = ThreeImages();
        Utils.MakeGrid(images, normalize: true);
        Assert.Equal(23f, images[2, 0, 1, 1].Item<float>());
    }

    [Fact]
    public void ListOverloadStacksTheImages()
    {
        var grid = Utils.MakeGrid([Torch.Ones(3, 2, 2), Torch.Zeros(3, 2, 2)], padding: 1);
        Assert.Equal(new long[] { 3, 4, 7 }, grid.Shape.ToArray());
        Assert.Equal(1f, grid[0, 1, 1].Item<float>());
        Assert.Equal(0f, grid[0, 1, 4].Item<float>());
    }

    [Fact]
    public void BadInputsAreRejectedWithTheShape()
    {
        Assert.Contains("got shape [1, 1, 1, 2, 2]", Assert.Throws<ArgumentException>(() => Utils.MakeGrid(Torch.Zeros(1, 1, 1, 2, 2))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Utils.MakeGrid(Torch.Zeros(2, 3, 2, 2), nrow: 0));
    }
}
