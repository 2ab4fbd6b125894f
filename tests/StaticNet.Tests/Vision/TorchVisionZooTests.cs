using StaticNet.NN;
using StaticNet.Vision.Models;
using Zoo = StaticNet.Vision.Models.Models;

namespace StaticNet.Tests.Vision;

/// <summary>
/// The zoo against torchvision 0.14 itself: the printed tree and the state-dict keys and shapes of each model, and for
/// ResNet-18 the outputs (Eval and Train), the running statistics and one training step's gradients from a
/// torchvision-made checkpoint. Inputs are small (batch 2, 3×32×32) so the run stays short on CI.
/// </summary>
public class TorchVisionZooTests
{
    // Prints the model, then "key shape" per state-dict entry; argv: builder, num_classes.
    private const string DescribeScript = """
        import sys, torch, torchvision
        m = getattr(torchvision.models, sys.argv[1])(num_classes=int(sys.argv[2]))
        print(m)
        print("--keys--")
        for k, v in m.state_dict().items(): print(k, list(v.shape))
        """;

    [TorchVisionFact]
    public void Resnet18PrintsAndNamesItsStateAsTorchvision() => AssertSameDescription(Zoo.Resnet18(numClasses: 10), "resnet18", 10);

    [TorchVisionFact]
    public void Resnet34PrintsAndNamesItsStateAsTorchvision() => AssertSameDescription(Zoo.Resnet34(), "resnet34", 1000);

    [TorchVisionFact]
    public void Vgg16PrintsAndNamesItsStateAsTorchvision() => AssertSameDescription(Zoo.Vgg16(numClasses: 10), "vgg16", 10);

    [TorchVisionFact]
    public void Vgg11PrintsAndNamesItsStateAsTorchvision() => AssertSameDescription(Zoo.Vgg11(), "vgg11", 1000);

    private static void AssertSameDescription(Module model, string builder, int classes)
    {
        var text = PyTorchScript.Run(DescribeScript, builder, classes.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("\r", "");
        int split = text.IndexOf("\n--keys--\n", StringComparison.Ordinal);
        Assert.Equal(text[..split], model.ToString());
        var expected = text[(split + "\n--keys--\n".Length)..].TrimEnd('\n').Split('\n');
        var actual = model.StateDict().Keys.Select(k => $"{k} [{string.Join(", ", model.StateDict()[k].Shape.ToArray())}]");
        Assert.Equal(expected, actual);
    }

    // Builds resnet18() with a fixed seed, saves its state dict (argv[1]) and, in argv[2]: the Eval output of
    // a 2×3×32×32 input; the Train output of that input in Float64; and, in Float32 for a 2×3×64×64 input, the Train
    // output, the state after that forward and the parameter gradients of cross entropy on targets [3, 7].
    //
    // Why two sizes: at 32×32 layer4 runs at 1×1, so its BatchNorms normalise each channel over the batch's 2 values,
    // (±d/2)/√(d²/4 + eps), which amplifies rounding in d by up to 1/(2√eps) ≈ 158 per layer. There torchvision's own
    // Float32 and Float64 outputs differ by 1.4e-2 (first logit −0.0851 vs −0.0793), so Float32 cannot be compared at that
    // size; Float64 can. At 64×64 (layer4 at 2×2, 8 values per channel) torchvision's Float32 and Float64 agree to 3e-6.
    private const string Resnet18Script = """
        import sys, copy, torch, torchvision
        import torch.nn.functional as F
        torch.manual_seed(0)
        m = torchvision.models.resnet18()
        # Non-trivial running statistics, so Eval mode is not the identity normalisation.
        with torch.no_grad():
            for mod in m.modules():
                if isinstance(mod, torch.nn.BatchNorm2d):
                    mod.running_mean.uniform_(-0.5, 0.5); mod.running_var.uniform_(0.5, 1.5)
                    mod.weight.uniform_(0.5, 1.5); mod.bias.uniform_(-0.2, 0.2)
        torch.save(m.state_dict(), sys.argv[1])
        x = torch.randn(2, 3, 32, 32)
        out = {"x": x}
        m.eval()
        with torch.no_grad(): out["eval"] = m(x)
        m64 = copy.deepcopy(m).double().train()
        with torch.no_grad(): out["train64"] = m64(x.double())
        m.train()
        x = torch.randn(2, 3, 64, 64)
        out["x.train"] = x
        y = m(x)
        out["train"] = y.detach()
        F.cross_entropy(y, torch.tensor([3, 7])).backward()
        for k, v in m.state_dict().items(): out["after." + k] = v
        for k, p in m.named_parameters(): out["grad." + k] = p.grad
        torch.save(out, sys.argv[2])
        """;

    [TorchVisionFact]
    public void Resnet18FromATorchvisionCheckpointMatchesItsEvalAndTrainOutputsAndGradients()
    {
        string dir = Path.Combine(Path.GetTempPath(), "staticnet-resnet18-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        StateDict oracle;
        Resnet18 model, model64;
        try
        {
            string weights = Path.Combine(dir, "resnet18.pth"), expected = Path.Combine(dir, "expected.pth");
            PyTorchScript.Run(Resnet18Script, weights, expected);
            oracle = Torch.Load(expected);
            model = Zoo.Resnet18(weights: weights);
            model64 = Zoo.Resnet18(weights: weights);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        var x = oracle["x"];

        model.Eval();
        using (Torch.NoGrad()) AssertClose(oracle["eval"], model.Forward(x), 1e-4, "eval output");

        // Train mode where layer4's BatchNorms see 2 values per channel, in Float64 (see the script's comment).
        model64.Double();
        model64.Train();
        using (Torch.NoGrad()) AssertClose(oracle["train64"], model64.Forward(x.To(DType.Float64)), 1e-8, "Float64 train output at 32×32");

        // Train mode in Float32 at 64×64: output, running statistics (momentum 0.1, unbiased running_var), gradients.
        model.Train();
        var y = model.Forward(oracle["x.train"]);
        AssertClose(oracle["train"], y, 1e-4, "train output");
        F.CrossEntropy(y, Torch.Tensor(new long[] { 3, 7 })).Backward();
        var state = model.StateDict();
        foreach (var key in state.Keys) AssertClose(oracle["after." + key], state[key], 1e-4, "state after the train forward: " + key);
        var parameters = model.NamedParameters().ToList();
        Assert.Equal(62, parameters.Count);
        foreach (var (name, p) in parameters)
        {
            Assert.True(p.Grad is not null, name + " has no gradient");
            AssertRelativelyClose(oracle["grad." + name], p.Grad!, 1e-4, "gradient of " + name);
        }
    }

    [Fact]
    public void AMissingWeightsFileSaysHowToMakeOneWithTorchvision()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Zoo.Resnet18(weights: "/nonexistent/resnet18.pth"));
        Assert.Contains("torch.save(torchvision.models.resnet18().state_dict(), '/nonexistent/resnet18.pth')", e.Message);
        Assert.Contains("never downloads", e.Message);
    }

    // Seed 001's recipe: freeze every parameter of a ResNet-18, replace fc with a new Linear(512, 100), optimize only it.
    [Fact]
    public void FineTuningTrainsOnlyTheReplacedFc()
    {
        Torch.ManualSeed(1);
        var model = Zoo.Resnet18();
        foreach (var p in model.Parameters()) p.RequiresGrad_(false);
        model.Layers.Fc = new Linear(512, 100);
        Assert.Equal(51_300, model.Parameters().Where(p => p.RequiresGrad).Sum(p => p.Numel));
        Assert.Same(model.Layers.Fc, model.NamedChildren().Single(c => c.Name == "fc").Module);
        Assert.Equal([100L, 512L], model.StateDict()["fc.weight"].Shape.ToArray());

        var frozen = model.NamedParameters().Where(p => !p.Name.StartsWith("fc.", StringComparison.Ordinal))
            .ToDictionary(p => p.Name, p => p.Param.Detach().Clone());
        var fcBefore = model.Layers.Fc.Weight.Detach().Clone();
        var optimizer = new StaticNet.Optim.SGD(model.Layers.Fc.Parameters(), lr: 0.1, momentum: 0.9);
        var x = Torch.Randn([2, 3, 32, 32]);
        var y = model.Forward(x);
        Assert.Equal([2L, 100L], y.Shape.ToArray());
        optimizer.ZeroGrad();
        F.CrossEntropy(y, Torch.Tensor(new long[] { 5, 99 })).Backward();
        optimizer.Step();

        foreach (var (name, p) in model.NamedParameters().Where(p => !p.Name.StartsWith("fc.", StringComparison.Ordinal)))
        {
            Assert.Null(p.Grad);
            Assert.True(frozen[name].Equal(p.Detach()), name + " changed although frozen");
        }
        Assert.NotNull(model.Layers.Fc.Weight.Grad);
        Assert.False(fcBefore.Equal(model.Layers.Fc.Weight.Detach()), "fc did not train");
    }

    [Fact]
    public void NumClassesMustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Zoo.Vgg11(numClasses: 0));

    // Each element within tolerance × the tensor's largest magnitude (gradients of deep layers are small everywhere).
    private static void AssertRelativelyClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.Shape.ToString(), actual.Shape.ToString());
        var e = expected.To(DType.Float64).ToArray<double>();
        var a = actual.To(DType.Float64).ToArray<double>();
        double scale = e.Max(Math.Abs);
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * scale, $"{what}[{i}]: torchvision {e[i]}, StaticNet {a[i]} (largest |torchvision| {scale})");
    }

    private static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.Shape.ToString(), actual.Shape.ToString());
        var e = expected.To(DType.Float64).ToArray<double>();
        var a = actual.To(DType.Float64).ToArray<double>();
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * (1 + Math.Abs(e[i])), $"{what}[{i}]: torchvision {e[i]}, StaticNet {a[i]}");
    }
}
