using StaticNet.NN;

namespace StaticNet.Tests.IO;

/// <summary>Torch.Save(model) / Torch.Load&lt;T&gt;: weights plus a type check, no code from the file.</summary>
public class WholeModelTests
{
    private sealed class TinyNet : Module
    {
        public TinyNet()
        {
            Fc1 = Register("fc1", new Linear(3, 4));
            Fc2 = Register("fc2", new Linear(4, 2));
        }

        public Linear Fc1 { get; }
        public Linear Fc2 { get; }

        public override Tensor Forward(Tensor x) => Fc2.Forward(F.Relu(Fc1.Forward(x)));
    }

    private sealed class OtherNet : Module
    {
        public OtherNet() => Register("fc1", new Linear(3, 4));
    }

    private sealed class WiderNet : Module
    {
        public WiderNet()
        {
            Register("fc1", new Linear(3, 5));
            Register("fc2", new Linear(5, 2));
        }

        public override string TypeName => "TinyNet"; // same name, different shapes
    }

    [Theory]
    [InlineData(".pth")]
    [InlineData(".safetensors")]
    public void AWholeModelLoadsAsItsTypeWithTheSameWeights(string extension)
    {
        using var dir = new TempFolder();
        var path = dir.File("tiny" + extension);
        var model = new TinyNet();
        Torch.Save(model, path);
        var loaded = Torch.Load<TinyNet>(path);
        SampleTensors.AssertEqual(model.StateDict(), loaded.StateDict());
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], Torch.Load(path).Keys); // also readable as a state dict
    }

    [Theory]
    [InlineData(".pth")]
    [InlineData(".safetensors")]
    public void LoadingAsAnotherTypeNamesBothTypes(string extension)
    {
        using var dir = new TempFolder();
        var path = dir.File("tiny" + extension);
        Torch.Save(new TinyNet(), path);
        var e = Assert.Throws<InvalidDataException>(() => Torch.Load<OtherNet>(path));
        Assert.Equal($"Torch.Load<OtherNet>: '{path}' holds a model of type 'TinyNet', expected 'OtherNet'.", e.Message);
    }

    [Theory]
    [InlineData("tiny.pth")]
    [InlineData("tiny.safetensors")]
    public void AStoredArchitectureThatDiffersIsRejectedWithBothPrintouts(string name)
    {
        using var dir = new TempFolder();
        var path = dir.File(name);
        Torch.Save(new TinyNet(), path);
        var e = Assert.Throws<InvalidDataException>(() => Torch.Load<WiderNet>(path));
        Assert.Contains("holds a TinyNet with another architecture than this build's", e.Message);
        Assert.Contains("(fc1): Linear(in_features=3, out_features=4, bias=True)", e.Message);
        Assert.Contains("(fc1): Linear(in_features=3, out_features=5, bias=True)", e.Message);
    }

    [Fact]
    public void WeightsThatDoNotFitTheTypeNameTheFileAndTheKeys()
    {
        // A whole-model file without a stored architecture (as older files): the weights' shapes are what catches it.
        using var dir = new TempFolder();
        var path = dir.File("tiny.pth");
        var sd = new TinyNet().StateDict();
        var content = new StaticNet.IO.SavedContent { Kind = StaticNet.IO.ContentKind.Model, ModelType = "TinyNet", Weights = sd };
        StaticNet.IO.AtomicFile.Write(path, stream => StaticNet.IO.Pth.PthWriter.Write(stream, path, StaticNet.IO.Pth.PthContent.ToPickle(content)));
        var e = Assert.Throws<InvalidDataException>(() => Torch.Load<WiderNet>(path));
        Assert.StartsWith($"Torch.Load<WiderNet>: '{path}' does not fit the model. Error(s) in loading state_dict for TinyNet from '{path}':", e.Message);
        Assert.Contains("size mismatch for fc1.weight: copying a param with shape [4, 3] from checkpoint, the shape in current model is [5, 3].", e.Message);
    }

    [Fact]
    public void ABareStateDictIsNotAWholeModel()
    {
        using var dir = new TempFolder();
        var path = dir.File("sd.pth");
        Torch.Save(new TinyNet().StateDict(), path);
        var e = Assert.Throws<InvalidDataException>(() => Torch.Load<TinyNet>(path));
        Assert.Contains("holds a state dict without a model type", e.Message);
    }

    [Fact]
    public void APthWholeModelIsADictOfTypeNameAndStateDict()
    {
        using var dir = new TempFolder();
        var path = dir.File("tiny.pth");
        Torch.Save(new TinyNet(), path);
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        using var s = new MemoryStream();
        zip.GetEntry("tiny/data.pkl")!.Open().CopyTo(s);
        var pkl = s.ToArray();
        // EMPTY_DICT, BINPUT 0, MARK, 'model_type', 'TinyNet', 'state_dict', OrderedDict ...
        Assert.Equal([0x80, 2, (byte)'}', (byte)'q', 0, (byte)'(', (byte)'X', 10, 0, 0, 0, .. "model_type"u8], pkl[..21]);
        Assert.Contains("TinyNet", System.Text.Encoding.ASCII.GetString(pkl));
    }
}
