using System.Diagnostics;
using System.Text.Json;
using StaticNet.NN;
using StaticNet.Optim;
using Xunit.Abstractions;

namespace StaticNet.Tests.IO;

/// <summary>Writes StaticNet's files and runs one Python process (importing torch takes seconds) that checks them all.</summary>
public sealed class PyTorchInteropFixture : IDisposable
{
    private const string Python = PyTorchOracle.Python;
    private readonly TempFolder _dir = new();

    public PyTorchInteropFixture()
    {
        if (PyTorchOracle.Missing is not null) return; // every test is skipped: nothing to prepare
        Plain = SampleTensors.Plain();
        Torch.Save(Plain, _dir.File("plain.pth"));
        Torch.Save(Plain, _dir.File("plain.safetensors"));

        var x = Torch.Tensor(new[,] { { 1f, 2f, -1f }, { 0.5f, -1f, 2f } });
        var y = Torch.Tensor(new[,] { { 1f, 0f }, { -1f, 2f } });
        Model = new Linear(3, 2);
        var opt = new Adam(Model.Parameters(), lr: 0.05);
        void Step()
        {
            opt.ZeroGrad();
            F.MseLoss(Model.Forward(x), y).Backward();
            opt.Step();
        }
        Step();
        Step();
        Torch.Save(new Checkpoint(Model.StateDict(), opt.StateDict(), Epoch: 2, Loss: 0.5), _dir.File("ckpt.pth"));
        Step();

        FromPyTorch = _dir.File("from_pytorch.pth");
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", Script, _dir.Path }) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException("the Python side failed: " + stderr.Result);
        }
        Result = JsonDocument.Parse(stdout).RootElement;
    }

    /// <summary>A test that runs (torch was found) cannot pass on an oracle that did not run.</summary>
    public void ThrowIfMissing()
    {
        if (PyTorchOracle.Missing is { } why) throw new InvalidOperationException("the PyTorch oracle did not run: " + why);
    }

    public JsonElement Result { get; }
    public StateDict Plain { get; } = new();
    public Linear Model { get; } = new(1, 1);
    public string FromPyTorch { get; } = "";

    private const string Script = """
        import json, os, struct, sys, torch
        d = sys.argv[1]
        def describe(sd):
            return {k: {"dtype": str(v.dtype).replace("torch.", ""), "shape": list(v.shape), "stride": list(v.stride()),
                        "offset": v.storage_offset(), "values": v.double().flatten().tolist()} for k, v in sd.items()}
        out = {}

        # 1. StaticNet's .pth through torch.load.
        sd = torch.load(os.path.join(d, "plain.pth"))
        out["pth"] = describe(sd)
        out["pth_type"] = type(sd).__name__
        out["pth_shared"] = sd["f64_t"].storage().data_ptr() == sd["f64_row"].storage().data_ptr()

        # 2. StaticNet's .safetensors through a reader written from the spec (no safetensors module here).
        raw = open(os.path.join(d, "plain.safetensors"), "rb").read()
        n, = struct.unpack("<Q", raw[:8])
        header = json.loads(raw[8:8 + n])
        types = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64, "I32": torch.int32, "U8": torch.uint8, "BOOL": torch.bool}
        st = {}
        for k, v in header.items():
            if k == "__metadata__": continue
            b, e = v["data_offsets"]
            data = bytearray(raw[8 + n + b:8 + n + e])
            st[k] = (torch.frombuffer(data, dtype=types[v["dtype"]]) if data else torch.empty(0, dtype=types[v["dtype"]])).reshape(v["shape"])
        out["safetensors"] = describe(st)

        # 3. Resume training in PyTorch from StaticNet's checkpoint, one more step.
        ck = torch.load(os.path.join(d, "ckpt.pth"))
        model = torch.nn.Linear(3, 2)
        model.load_state_dict(ck["model_state_dict"])
        opt = torch.optim.Adam(model.parameters(), lr=0.9)
        opt.load_state_dict(ck["optimizer_state_dict"])
        x = torch.tensor([[1., 2., -1.], [0.5, -1., 2.]]); y = torch.tensor([[1., 0.], [-1., 2.]])
        opt.zero_grad(); torch.nn.functional.mse_loss(model(x), y).backward(); opt.step()
        out["checkpoint"] = {"epoch": ck["epoch"], "loss": ck["loss"], "weight": model.weight.detach().flatten().tolist(), "bias": model.bias.tolist()}

        # 4. A state dict PyTorch saves now, for StaticNet to load.
        torch.manual_seed(0)
        m = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.BatchNorm1d(3))
        m(torch.randn(5, 4))
        sd = m.state_dict()
        sd["view"] = sd["0.weight"].t()[1:]
        sd["half"] = torch.randn(3).half()
        torch.save(sd, os.path.join(d, "from_pytorch.pth"))
        out["from_pytorch"] = describe(sd)
        print(json.dumps(out))
        """;

    public void Dispose() => _dir.Dispose();
}

/// <summary>
/// Files StaticNet writes, loaded by the real PyTorch, and the other way round. Runs only where
/// <c>/usr/bin/python3</c> can import torch (Debian's python3-torch, which CI installs); elsewhere each test is
/// reported as skipped, with the reason (<see cref="PyTorchFactAttribute"/>).
/// </summary>
public class PyTorchInteropTests(PyTorchInteropFixture fixture) : IClassFixture<PyTorchInteropFixture>
{
    private static void AssertDescribes(StateDict expected, JsonElement described)
    {
        Assert.Equal(expected.Keys, described.EnumerateObject().Select(p => p.Name));
        foreach (var (k, t) in expected)
        {
            var d = described.GetProperty(k);
            Assert.Equal(t.DType.PyTorchName(), d.GetProperty("dtype").GetString());
            Assert.Equal(t.Shape.ToArray(), d.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
            Assert.Equal(t.To(DType.Float64).ToArray<double>(), d.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()));
        }
    }

    [PyTorchFact]
    public void PyTorchLoadsAPthStateDictStaticNetWroteWithEqualValuesStridesAndSharing()
    {
        fixture.ThrowIfMissing();
        var r = fixture.Result;
        Assert.Equal("OrderedDict", r.GetProperty("pth_type").GetString());
        Assert.True(r.GetProperty("pth_shared").GetBoolean());
        var pth = r.GetProperty("pth");
        Assert.Equal([1L, 4], pth.GetProperty("f64_t").GetProperty("stride").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(4, pth.GetProperty("f64_row").GetProperty("offset").GetInt64());
        AssertDescribes(fixture.Plain, pth);
    }

    [PyTorchFact]
    public void PythonReadsASafetensorsFileStaticNetWroteWithTheSpecAlone()
    {
        fixture.ThrowIfMissing();
        AssertDescribes(fixture.Plain, fixture.Result.GetProperty("safetensors"));
    }

    [PyTorchFact]
    public void PyTorchResumesTrainingFromAStaticNetCheckpointAsStaticNetDoes()
    {
        fixture.ThrowIfMissing();
        var r = fixture.Result.GetProperty("checkpoint");
        Assert.Equal(2, r.GetProperty("epoch").GetInt64());
        Assert.Equal(0.5, r.GetProperty("loss").GetDouble());
        StaticNet.Tests.NN.Close.Equal(r.GetProperty("weight").EnumerateArray().Select(e => e.GetDouble()).ToArray(), fixture.Model.Weight, 1e-6);
        StaticNet.Tests.NN.Close.Equal(r.GetProperty("bias").EnumerateArray().Select(e => e.GetDouble()).ToArray(), fixture.Model.Bias!, 1e-6);
    }

    [PyTorchFact]
    public void StaticNetLoadsWhatPyTorchSavesNowWithEqualValues()
    {
        fixture.ThrowIfMissing();
        var r = fixture.Result.GetProperty("from_pytorch");
        var loaded = Torch.Load(fixture.FromPyTorch);
        Assert.Equal(r.EnumerateObject().Select(p => p.Name), loaded.Keys);
        foreach (var p in r.EnumerateObject())
        {
            var t = loaded[p.Name];
            var dtype = p.Value.GetProperty("dtype").GetString();
            Assert.Equal(dtype == "float16" ? "float32" : dtype, t.DType.PyTorchName());
            Assert.Equal(p.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()), t.Shape.ToArray());
            Assert.Equal(p.Value.GetProperty("stride").EnumerateArray().Select(e => e.GetInt64()), t.Stride());
            Assert.Equal(p.Value.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()), t.To(DType.Float64).ToArray<double>());
        }
    }
}
