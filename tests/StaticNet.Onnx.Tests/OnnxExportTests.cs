using StaticNet.NN;
using StaticNet.OnnxFormat;

namespace StaticNet.OnnxTests;

/// <summary>
/// The exported files run in ONNX Runtime and give the model's outputs (to 1e-5), at the export's batch size and at
/// another one with a dynamic batch; ONNX's own checker accepts them; initializers are the state dict.
/// </summary>
public sealed class OnnxExportTests : IDisposable
{
    private readonly OnnxRoundTrip _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string> DeclaredModels => ["NeuralNetwork", "LeNet", "CifarNet", "MyNeuralNet"];

    private static (Module Model, long[] Sample) Create(string name) => name switch
    {
        "NeuralNetwork" => (new NeuralNetwork(), [1, 28, 28]),
        "LeNet" => (new LeNet(), [1, 32, 32]),
        "CifarNet" => (new CifarNet(), [3, 32, 32]),
        "MyNeuralNet" => (new MyNeuralNet(), [2]),
        "Sequential" => (EveryLayer(), [3, 16, 16]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown test model"),
    };

    /// <summary>Every supported layer once, in a Sequential (BatchNorm with running statistics that are not 0 and 1).</summary>
    private static Sequential EveryLayer()
    {
        var model = new Sequential(
            new Conv2d(3, 8, 3, padding: 1), new BatchNorm2d(8), new ReLU(),
            new MaxPool2d(2), new Conv2d(8, 8, 3, stride: 1, dilation: 1), new LeakyReLU(0.1), new AvgPool2d(3, stride: 1, padding: 1),
            new AdaptiveAvgPool2d(2), new Flatten(), new Linear(32, 16), new GELU(), new Linear(16, 16), new GELU("tanh"),
            new BatchNorm1d(16), new Sigmoid(), new Dropout(0.3), new Linear(16, 12), new Tanh(), new Unflatten(1, [3, 4]),
            new Softmax(2), new Flatten(), new LogSoftmax(1));
        model.Train();
        using (Torch.NoGrad())
            for (int i = 0; i < 3; i++) model.Forward(Torch.Randn(5, 3, 16, 16) * 2 + 1);
        return model;
    }

    [Theory]
    [MemberData(nameof(DeclaredModels))]
    [InlineData("Sequential")]
    public void OnnxRuntimeMatchesTheModelAtTheExportBatchAndAnother(string name)
    {
        var (model, sample) = Create(name);
        string path = _files.PathFor(name);
        Onnx.Export(model, path, inputShape: [1, .. sample], dynamicBatch: true);
        OnnxRoundTrip.AssertAgrees(model, path, Torch.Randn([1, .. sample]));
        OnnxRoundTrip.AssertAgrees(model, path, Torch.Randn([5, .. sample]));
        Assert.True(model.Training, "Export must leave the model in the mode it found it in.");
    }

    [Fact]
    public void AFixedBatchIsWrittenAsASizeAndADynamicOneAsASymbol()
    {
        var model = new CifarNet();
        var fixedBatch = Onnx.ToModelProto(model, [4, 3, 32, 32], dynamicBatch: false, "input", "output");
        var dynamic = Onnx.ToModelProto(model, [4, 3, 32, 32], dynamicBatch: true, "input", "output");
        Assert.Equal(4, fixedBatch.Graph.Input[0].Type.TensorType.Shape.Dim[0].DimValue);
        Assert.Equal("batch", dynamic.Graph.Input[0].Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal("batch", dynamic.Graph.Output[0].Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(10, dynamic.Graph.Output[0].Type.TensorType.Shape.Dim[1].DimValue);
        Assert.Equal(17, dynamic.OpsetImport.Single().Version);
        Assert.Equal(8, dynamic.IrVersion);
    }

    [Theory]
    [MemberData(nameof(DeclaredModels))]
    [InlineData("Sequential")]
    public void InitializersAreTheStateDictEntriesWithTheirValues(string name)
    {
        var (model, sample) = Create(name);
        var proto = ModelProto.Parser.ParseFrom(Onnx.ExportToBytes(model, [1, .. sample], dynamicBatch: true));
        var state = model.StateDict();
        var expected = state.Keys.Where(k => !k.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal);
        Assert.Equal(expected, proto.Graph.Initializer.Select(i => i.Name).OrderBy(k => k, StringComparer.Ordinal));
        foreach (var initializer in proto.Graph.Initializer)
        {
            var want = state[initializer.Name];
            Assert.Equal(want.Shape.ToArray(), initializer.Dims.ToArray());
            float[] got = new float[initializer.RawData.Length / 4];
            Buffer.BlockCopy(initializer.RawData.ToByteArray(), 0, got, 0, initializer.RawData.Length);
            Assert.Equal(want.Contiguous().ToArray<float>(), got);
        }
        if (name == "CifarNet") Assert.Contains("fc1.weight", proto.Graph.Initializer.Select(i => i.Name));
    }

    [Fact]
    public void NodesAreNamedByTheirModulePath()
    {
        var proto = Onnx.ToModelProto(new NeuralNetwork(), [1, 1, 28, 28], true, "input", "output");
        var names = proto.Graph.Node.Select(n => n.Name).ToList();
        Assert.Contains("/linear_relu_stack/0/Gemm", names);
        Assert.Contains("/linear_relu_stack/4/Gemm", names);
        Assert.DoesNotContain(proto.Graph.Node, n => n.OpType == "Dropout");
    }

    [Fact]
    public void ALayerWithoutAnOnnxMappingIsNamedInTheError()
    {
        var model = new Sequential(new Linear(4, 4), new Sequential(new ReLU(), new Embedding(10, 4)));
        var error = Assert.Throws<NotSupportedException>(() => Onnx.ExportToBytes(model, [1, 4]));
        Assert.Contains("layer '1.1' (Embedding) has no ONNX mapping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInputShapeOtherThanTheDeclaredOneIsRejectedWithBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Onnx.ExportToBytes(new CifarNet(), [1, 1, 32, 32]));
        Assert.Contains("[B, 3, 32, 32]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[1, 1, 32, 32]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportReplacesAnExistingFileAndLeavesNoTemporaryFile()
    {
        string path = _files.PathFor("replaced");
        File.WriteAllText(path, "old");
        Onnx.Export(new MyNeuralNet(), path, [1, 2]);
        Assert.Equal("StaticNet", ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).ProducerName);
        Assert.Single(Directory.GetFiles(System.IO.Path.GetDirectoryName(path)!));
    }

    [OnnxFact]
    public void OnnxsFullCheckerAcceptsEveryExportedFile()
    {
        foreach (string name in new[] { "NeuralNetwork", "LeNet", "CifarNet", "MyNeuralNet", "Sequential" })
        {
            var (model, sample) = Create(name);
            string path = _files.PathFor("checked-" + name);
            Onnx.Export(model, path, [1, .. sample], dynamicBatch: true);
            var (code, output) = OnnxChecker.Check(path);
            Assert.True(code == 0, $"onnx.checker rejected {name}: {output}");
        }
    }
}
