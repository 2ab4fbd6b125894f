using StaticNet.Generators.Tests.Infrastructure;

namespace StaticNet.Generators.Tests;

/// <summary>What the generator emits for the seeds' networks (the same files this project compiles in Models/).</summary>
public class SnapshotTests
{
    // className: the model to snapshot when the file declares several.
    private static void VerifyModel(string file, string test, string? className = null)
    {
        var (result, output) = GeneratorRunner.Run(GeneratorRunner.ModelSource(file));
        Assert.Equal("", GeneratorRunner.Errors(output));
        Assert.Empty(result.Diagnostics);
        var generated = className is null
            ? Assert.Single(result.GeneratedTrees)
            : Assert.Single(result.GeneratedTrees, t => t.FilePath.EndsWith("." + className + ".g.cs", StringComparison.Ordinal));
        Snapshot.Verify(generated.GetText().ToString(), nameof(SnapshotTests), test);
    }

    [Fact]
    public void Seed000NeuralNetwork() => VerifyModel("NeuralNetwork.cs", nameof(Seed000NeuralNetwork));

    [Fact]
    public void Seed002LeNetWithThreeByThreeKernels() => VerifyModel("LeNet.cs", nameof(Seed002LeNetWithThreeByThreeKernels));

    [Fact]
    public void Seed001LeNetWithFiveByFiveKernels() => VerifyModel("LeNet5.cs", nameof(Seed001LeNetWithFiveByFiveKernels));

    [Fact]
    public void Seed002LeNetForCifar10() => VerifyModel("CifarNet.cs", nameof(Seed002LeNetForCifar10));

    [Fact]
    public void Seed003MyNeuralNet() => VerifyModel("MyNeuralNet.cs", nameof(Seed003MyNeuralNet));

    [Fact]
    public void Seed003MyNeuralNetReturningTheHiddenLayer() => VerifyModel("MyNeuralNetWithHidden.cs", nameof(Seed003MyNeuralNetReturningTheHiddenLayer));

    [Fact]
    public void BatchNormInAResidualConvolution() => VerifyModel("BatchNormConvNet.cs", nameof(BatchNormInAResidualConvolution));

    [Fact]
    public void BroadcastingResidualConvolution() => VerifyModel("BroadcastNets.cs", nameof(BroadcastingResidualConvolution), "BroadcastResidualNet");

    [Fact]
    public void CatOfConvolutionsAlongChannelsAndWidth() => VerifyModel("CatNets.cs", nameof(CatOfConvolutionsAlongChannelsAndWidth), "CatConvNet");
}
