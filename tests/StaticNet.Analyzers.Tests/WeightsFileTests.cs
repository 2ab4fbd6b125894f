using System.Diagnostics;
using StaticNet.Analyzers.Tests.Infrastructure;
using StaticNet.Compiler.Model;
using StaticNet.Compiler.Shapes;
using StaticNet.NN;
using static StaticNet.Analyzers.Tests.Infrastructure.WeightsVerifier;

namespace StaticNet.Analyzers.Tests;

/// <summary>
/// SN0201–SN0205: a weights file a project ships (AdditionalFiles with StaticNetModel metadata) checked against the
/// declared model at build time. The files are real: written by StaticNet's own safetensors and .pth writers, and by
/// PyTorch where Debian's python3-torch is installed.
/// </summary>
public sealed class WeightsFileTests : IDisposable
{
    // conv.weight [4, 1, 3, 3], conv.bias [4], norm.{weight, bias, running_mean, running_var} [4], norm.num_batches_tracked [],
    // head.0.weight [10, 144], head.0.bias [10], head.2.weight [2, 10], head.2.bias [2].
    private const string Model = """
        namespace Shop;

        [Model(Input = [1, 8, 8])]
        public partial class Net
        {
            [Conv2d(1, 4, kernel: 3)] public partial Tensor Conv(Tensor x);
            [BatchNorm2d(4)] public partial Tensor Norm(Tensor x);
            [Flatten] public partial Tensor Flat(Tensor x);
            [Linear(4 * 6 * 6, 10), ReLU, Linear(10, 2)] public partial Tensor Head(Tensor x);

            [Forward]
            private Tensor Network(Tensor x) => Head(Flat(Relu(Norm(Conv(x)))));
        }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("staticnet-weights-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static StateDict NetState() => new()
    {
        ["conv.weight"] = Torch.Zeros(4, 1, 3, 3),
        ["conv.bias"] = Torch.Zeros(4),
        ["norm.weight"] = Torch.Ones(4),
        ["norm.bias"] = Torch.Zeros(4),
        ["norm.running_mean"] = Torch.Zeros(4),
        ["norm.running_var"] = Torch.Ones(4),
        ["norm.num_batches_tracked"] = Torch.Tensor(0L),
        ["head.0.weight"] = Torch.Randn(10, 144),
        ["head.0.bias"] = Torch.Zeros(10),
        ["head.2.weight"] = Torch.Randn(2, 10),
        ["head.2.bias"] = Torch.Zeros(2),
    };

    private string Saved(StateDict state, string extension) => ImageOf(SavedBytes(state, extension));

    [Theory]
    [InlineData(".safetensors")]
    [InlineData(".pth")]
    public Task FileWithEveryDeclaredKeyAndShapeHasNoDiagnostics(string extension) =>
        VerifyAsync(Model, Saved(NetState(), extension), "Net");

    [Fact]
    public Task ModelMayBeNamedWithItsNamespace() => VerifyAsync(Model, Saved(NetState(), ".safetensors"), "Shop.Net");

    [Theory]
    [InlineData(".safetensors")]
    [InlineData(".pth")]
    public Task KeyTheFileLacksIsAnErrorWithTheDeclaredShape(string extension)
    {
        var state = NetState();
        state.Remove("norm.running_var");
        return VerifyAsync(Model, Saved(state, extension), "Net",
            Expect("SN0201", "Weights file 'model.safetensors' has no 'norm.running_var': Net declares it with shape [4]"));
    }

    [Theory]
    [InlineData(".safetensors")]
    [InlineData(".pth")]
    public Task KeyTheModelDoesNotDeclareIsAnErrorWithItsShape(string extension)
    {
        var state = NetState();
        state["head.4.weight"] = Torch.Zeros(2, 2);
        return VerifyAsync(Model, Saved(state, extension), "Net",
            Expect("SN0202", "Weights file 'model.safetensors' holds 'head.4.weight' with shape [2, 2], which Net does not declare"));
    }

    [Theory]
    [InlineData(".safetensors")]
    [InlineData(".pth")]
    public Task TensorOfAnotherShapeIsAnErrorNamingBothShapes(string extension)
    {
        var state = NetState();
        state["head.0.weight"] = Torch.Zeros(10, 576);  // a View that forgot the pooling
        state["norm.num_batches_tracked"] = Torch.Zeros(1);
        return VerifyAsync(Model, Saved(state, extension), "Net",
            Expect("SN0203", "Weights file 'model.safetensors' holds 'norm.num_batches_tracked' with shape [1], but Net declares it with shape []"),
            Expect("SN0203", "Weights file 'model.safetensors' holds 'head.0.weight' with shape [10, 576], but Net declares it with shape [10, 144]"));
    }

    [Fact]
    public Task WholeModelFileIsCheckedByItsStateDict()
    {
        // Torch.Save(model) writes {"model_type", "state_dict", "architecture"}; the check reads the inner state dict.
        string path = Path.Combine(_dir, "whole.pth");
        var module = new Sequential(new Linear(3, 2));
        Torch.Save(module, path);
        return VerifyAsync(Model, ImageOf(File.ReadAllBytes(path)), "Net",
            [.. NetState().Keys.Select(k => Expect("SN0201", $"Weights file 'model.safetensors' has no '{k}': Net declares it with shape {Shape(k)}")),
             Expect("SN0202", "Weights file 'model.safetensors' holds '0.weight' with shape [2, 3], which Net does not declare"),
             Expect("SN0202", "Weights file 'model.safetensors' holds '0.bias' with shape [2], which Net does not declare")]);
    }

    private static string Shape(string key) => StateEntrySpec.FormatShape(NetState()[key].Shape.ToArray());

    [Fact]
    public Task FileThatIsNeitherFormatIsUnreadableAndNamed() =>
        VerifyAsync(Model, ImageOf("not a model at all"u8.ToArray()), "Net",
            Expect("SN0204", "Weights file 'model.safetensors' cannot be checked against Net: its header length 8029109312199880558 exceeds the 10 bytes after it (truncated, or not a safetensors file)"));

    [Fact]
    public Task TruncatedPthIsUnreadable()
    {
        var whole = SavedBytes(NetState(), ".pth");
        var cut = whole[..(whole.Length - 30)];
        return VerifyAsync(Model, ImageOf(cut), "Net",
            Expect("SN0204", "Weights file 'model.safetensors' cannot be checked against Net: it has no zip end-of-central-directory record (truncated, or not a zip archive)"));
    }

    private byte[] SavedBytes(StateDict state, string extension)
    {
        string path = Path.Combine(_dir, "model" + extension);
        Torch.Save(state, path);
        return File.ReadAllBytes(path);
    }

    [Fact]
    public Task FileTheBuildCouldNotReadIsUnreadableWithTheReason() =>
        VerifyAsync(Model, "staticnet-weights-image 1\nerror Could not find file '/app/model.safetensors'.\n", "Net",
            Expect("SN0204", "Weights file 'model.safetensors' cannot be checked against Net: Could not find file '/app/model.safetensors'."));

    [Fact]
    public Task WeightsListedWithoutTheBuildTargetsAreUnreadableAndSaySo() =>
        VerifyAsync(Model, "{\"conv.weight\": {}}", "Net",
            Expect("SN0204", "Weights file 'model.safetensors' cannot be checked against Net: the build did not hand its header to the analyzer: "
                + "import StaticNet's build/StaticNet.targets (the StaticNet package does), which passes a weights file listed with StaticNetModel metadata to the analyzers"));

    [Fact]
    public Task HeaderOutsideThePartsTheBuildPassedIsUnreadable()
    {
        // A 1 MiB zip of which the build passed only the first 16 bytes: the central directory is not there.
        var file = SavedBytes(NetState(), ".pth");
        string image = $"staticnet-weights-image 1\nlength {file.Length}\nrange 0 {Convert.ToBase64String(file[..16])}\n";
        long tail = Math.Min(file.Length, 22 + 0xFFFF);
        return VerifyAsync(Model, image, "Net",
            Expect("SN0204", $"Weights file 'model.safetensors' cannot be checked against Net: the end of the zip archive (bytes {file.Length - tail} to {file.Length}) "
                + "lies outside the parts of the file the build passes to the analyzer (a safetensors header; the first and last 256 KiB of a zip)"));
    }

    [Fact]
    public Task ModelNameWithoutADeclaredModelIsAnError() =>
        VerifyAsync(Model, Saved(NetState(), ".safetensors"), "LeNet",
            Expect("SN0205", "Weights file 'model.safetensors' names StaticNetModel 'LeNet', but no [Model] class of that name is declared in this project"));

    [Fact]
    public void DeclaredLayersHoldTheRuntimeLayersStateDictKeysAndShapes()
    {
        // The analyzer's expectation (shared front end) against what the runtime's layers really register.
        (LayerKindSpec Spec, Module Layer)[] layers =
        [
            (new LinearSpec(7, 3, Bias: true), new Linear(7, 3)),
            (new LinearSpec(7, 3, Bias: false), new Linear(7, 3, bias: false)),
            (new Conv2dSpec(6, 8, Kernel: 3, Stride: 1, Padding: 1, Dilation: 1, Groups: 2, Bias: true), new Conv2d(6, 8, 3, padding: 1, groups: 2)),
            (new BatchNormSpec(2, 5, 1e-5, 0.1), new BatchNorm2d(5)),
            (new ActivationSpec("ReLU"), new ReLU()),
        ];
        foreach (var (spec, layer) in layers)
        {
            var runtime = layer.StateDict().Select(p => (p.Key, string.Join(",", p.Value.Shape.ToArray())));
            var declared = StateDictShapes.Of(spec).Select(e => (e.Key, string.Join(",", e.Shape)));
            Assert.Equal(runtime, declared);
        }
    }

    [TorchFact]
    public async Task PthFileWrittenByPyTorchIsReadFromItsZipDirectoryAndPickle()
    {
        string path = Path.Combine(_dir, "torch.pth");
        string script = $$"""
            import collections, torch
            m = torch.nn.Sequential(torch.nn.Conv2d(1, 4, 3), torch.nn.BatchNorm2d(4), torch.nn.ReLU(), torch.nn.Flatten(),
                                    torch.nn.Linear(144, 10), torch.nn.ReLU(), torch.nn.Linear(10, 2))
            sd = m.state_dict()
            names = {"0": "conv", "1": "norm", "4": "head.0", "6": "head.2"}
            out = collections.OrderedDict((names[k.split(".")[0]] + "." + k.split(".", 1)[1], v) for k, v in sd.items())
            out["head.2.weight"] = torch.zeros(3, 10)
            torch.save(out, "{{path}}")
            """;
        TorchFactAttribute.Run(script);
        await VerifyAsync(Model, ImageOf(File.ReadAllBytes(path)), "Net",
            Expect("SN0203", "Weights file 'model.safetensors' holds 'head.2.weight' with shape [3, 10], but Net declares it with shape [2, 10]"));
    }
}

/// <summary>A test that needs PyTorch (Debian's python3-torch for /usr/bin/python3): skipped, visibly, where it is absent.</summary>
public sealed class TorchFactAttribute : FactAttribute
{
    private const string Python = "/usr/bin/python3";
    private static readonly Lazy<bool> s_available = new(() => File.Exists(Python) && TryRun("import torch") == 0);

    public TorchFactAttribute()
    {
        if (!s_available.Value) Skip = $"PyTorch is not importable by {Python} (apt-get install python3-torch; CI installs it).";
    }

    /// <summary>Runs a Python script; fails the test with its output when it fails.</summary>
    public static void Run(string script)
    {
        int code = TryRun(script, out string output);
        Assert.True(code == 0, $"python3 failed ({code}): {output}");
    }

    private static int TryRun(string script) => TryRun(script, out _);

    private static int TryRun(string script, out string output)
    {
        var start = new ProcessStartInfo(Python, ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        output += stderr.Result;
        return process.ExitCode;
    }
}
