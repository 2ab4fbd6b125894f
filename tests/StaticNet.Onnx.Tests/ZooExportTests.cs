using StaticNet.NN;
using StaticNet.OnnxFormat;
using StaticNet.Vision.Models;

namespace StaticNet.OnnxTests;

/// <summary>
/// The model zoo's declared models (composed of [Block]s) export through their compile-time graphs: nested module
/// names, Add for the residuals, BatchNorm with its running statistics, adaptive pooling, and ONNX Runtime agrees.
/// </summary>
public sealed class ZooExportTests : IDisposable
{
    private readonly OnnxRoundTrip _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>ResNet-18 with 10 classes and BatchNorm statistics that are not 0 and 1, so eval-mode normalization shows.</summary>
    private static Resnet18 Resnet()
    {
        Torch.ManualSeed(22);
        var model = Models.Resnet18(numClasses: 10);
        using (Torch.NoGrad())
            foreach (var (name, buffer) in model.NamedBuffers())
            {
                if (name.EndsWith("running_mean", StringComparison.Ordinal)) buffer.Copy_(Torch.Randn(buffer.Shape.ToArray()) * 0.1);
                if (name.EndsWith("running_var", StringComparison.Ordinal)) buffer.Copy_(Torch.Rand(buffer.Shape.ToArray()) + 0.5);
            }
        return model;
    }

    [Fact]
    public void Resnet18MatchesOnnxRuntimeWithNestedNamesAndResidualAdds()
    {
        var model = Resnet();
        string path = _files.PathFor("resnet18");
        Onnx.Export(model, path, inputShape: [1, 3, 224, 224], dynamicBatch: true);
        OnnxRoundTrip.AssertAgrees(model, path, Torch.Randn(1, 3, 224, 224));

        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var initializers = proto.Graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("layer1.0.conv1.weight", initializers);
        Assert.Contains("layer2.0.downsample.0.weight", initializers);
        Assert.Contains("layer4.1.bn2.running_var", initializers);
        Assert.Contains("fc.bias", initializers);
        Assert.Equal(8, proto.Graph.Node.Count(n => n.OpType == "Add"));
        Assert.Equal(20, proto.Graph.Node.Count(n => n.OpType == "BatchNormalization"));
        Assert.Equal(20, proto.Graph.Node.Count(n => n.OpType == "Conv"));
        Assert.Contains(proto.Graph.Node, n => n.OpType is "GlobalAveragePool" or "AveragePool");
    }

    [Fact]
    public void Vgg16MatchesOnnxRuntimeThroughItsSequentialsAndAdaptivePool()
    {
        Torch.ManualSeed(16);
        var model = Models.Vgg16(numClasses: 10);
        string path = _files.PathFor("vgg16");
        Onnx.Export(model, path, inputShape: [1, 3, 224, 224], dynamicBatch: true);
        OnnxRoundTrip.AssertAgrees(model, path, Torch.Randn(1, 3, 224, 224));
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.Equal(13, proto.Graph.Node.Count(n => n.OpType == "Conv"));
        Assert.Equal(3, proto.Graph.Node.Count(n => n.OpType == "Gemm"));
        Assert.Contains("features.28.weight", proto.Graph.Initializer.Select(i => i.Name));
        Assert.Contains("classifier.6.bias", proto.Graph.Initializer.Select(i => i.Name));
        Assert.DoesNotContain(proto.Graph.Node, n => n.OpType == "Dropout");
    }

    [OnnxFact]
    public void OnnxsFullCheckerAcceptsResnet18()
    {
        string path = _files.PathFor("checked-resnet18");
        Onnx.Export(Resnet(), path, [1, 3, 224, 224], dynamicBatch: true);
        var (code, output) = OnnxChecker.Check(path);
        Assert.True(code == 0, $"onnx.checker rejected resnet18: {output}");
    }

    [OnnxFact]
    public void OnnxsFullCheckerAcceptsVgg16()
    {
        string path = _files.PathFor("checked-vgg16");
        Onnx.Export(Models.Vgg16(numClasses: 10), path, [1, 3, 224, 224], dynamicBatch: true);
        var (code, output) = OnnxChecker.Check(path);
        Assert.True(code == 0, $"onnx.checker rejected vgg16: {output}");
    }
}
