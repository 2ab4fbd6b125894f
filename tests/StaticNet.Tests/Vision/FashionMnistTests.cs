using StaticNet.Vision;

namespace StaticNet.Tests.Vision;

public sealed class FashionMnistFixture
{
    private readonly Lazy<FashionMnist> _train = new(() => new FashionMnist(train: true, transform: new ToTensor()));
    public FashionMnist Train => _train.Value;
}

/// <summary>The real Fashion-MNIST files from Debian's dataset-fashion-mnist package.</summary>
public class FashionMnistTests(FashionMnistFixture fixture) : IClassFixture<FashionMnistFixture>
{
    [FashionMnistFact]
    public void TrainingSplitHas60000SamplesAndTheKnownFirstLabels()
    {
        var train = fixture.Train;
        Assert.Equal(60000, train.Count);
        long[] expected = [9, 0, 0, 3, 0, 2, 7, 2, 5, 5];
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], train[i].Label);
        Assert.Equal(new long[] { 60000, 28, 28 }, train.Data.Shape.ToArray());
        Assert.Equal("Ankle boot", train.Classes[9]);
    }

    [FashionMnistFact]
    public void TestSplitHas10000SamplesAndTheKnownFirstLabels()
    {
        var test = new FashionMnist(train: false);
        Assert.Equal(10000, test.Count);
        long[] expected = [9, 2, 1, 1, 6, 1, 4, 6, 5, 7];
        Assert.Equal(expected, Enumerable.Range(0, 10).Select(i => test[i].Label).ToArray());
        Assert.Equal(DType.UInt8, test[0].Image.DType); // no transform: the raw image
    }

    [FashionMnistFact]
    public void ToTensorGivesA1x28x28FloatImageInUnitRange()
    {
        var (image, _) = fixture.Train[0];
        Assert.Equal(new long[] { 1, 28, 28 }, image.Shape.ToArray());
        Assert.Equal(DType.Float32, image.DType);
        var pixels = image.ToArray<float>();
        Assert.All(pixels, p => Assert.InRange(p, 0f, 1f));
        // Independently read with Python's gzip: image 0's bytes sum to 76247, its first bright pixel is byte 417 = 255.
        Assert.Equal(76247 / 255.0, pixels.Sum(p => (double)p), 3);
        Assert.Equal(1f, pixels[417]);
        Assert.Equal(0f, pixels[95]);
        Assert.NotEqual(0f, pixels[96]);
    }

    [FashionMnistFact]
    public void LastTrainingImageIsReadFromTheEndOfTheFile()
    {
        var pixels = fixture.Train[59999].Image.ToArray<float>();
        Assert.Equal(16684 / 255.0, pixels.Sum(p => (double)p), 3);
    }

    [FashionMnistFact]
    public void OneHotTargetTransformChangesTheLabelType()
    {
        var data = new FashionMnist<Tensor>(FashionMnist.DefaultRoot, train: false, transform: new ToTensor(),
            targetTransform: new Lambda<long, Tensor>(y => Torch.Zeros([10], DType.Float32).Scatter_(0, Torch.Tensor(y), 1.0)));
        (Tensor image, Tensor label) = data[0];
        Assert.Equal(new long[] { 1, 28, 28 }, image.Shape.ToArray());
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, label.ToArray<float>());
        Assert.Equal(new float[] { 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 }, data[1].Label.ToArray<float>());
    }
}
