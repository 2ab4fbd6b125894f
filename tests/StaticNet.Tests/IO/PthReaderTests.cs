namespace StaticNet.Tests.IO;

/// <summary>Reading .pth files that PyTorch 1.13 wrote (tests/data, made by make_io_data.py).</summary>
public class PthReaderTests
{
    [Fact]
    public void AModuleStateDictSavedByPyTorchLoadsWithItsKeysInOrderAndItsValues()
    {
        var sd = Torch.Load(TestData.File("pytorch113_module_state.pth"));
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
            "extra.half", "extra.bfloat16"], sd.Keys);
        SampleTensors.AssertEqual(Torch.Tensor(new[,] { { 0.5f, -1.25f, 2f }, { 3f, 0.125f, -4f } }), sd["0.weight"]);
        SampleTensors.AssertEqual(Torch.Tensor(new[] { 0.25f, -0.75f }), sd["0.bias"]);
        SampleTensors.AssertEqual(Torch.Tensor(new[] { 1f, 1f }), sd["1.weight"]);
        SampleTensors.AssertEqual(Torch.Tensor(new[] { 1.5f, -2.5f }), sd["1.running_mean"]);
        SampleTensors.AssertEqual(Torch.Tensor(new[] { 0.5f, 4f }), sd["1.running_var"]);
        SampleTensors.AssertEqual(Torch.Tensor(7L), sd["1.num_batches_tracked"]);
    }

    [Fact]
    public void HalfAndBFloat16TensorsLoadAsFloat32WithTheirExactValues()
    {
        var sd = Torch.Load(TestData.File("pytorch113_module_state.pth"));
        // Python: sd['extra.half'].float().tolist() and sd['extra.bfloat16'].float().tolist()
        SampleTensors.AssertEqual(Torch.Tensor(new[] { 1.5f, -0.0009765625f, 65504f }), sd["extra.half"]);
        SampleTensors.AssertEqual(Torch.Tensor(new[] { 1.5f, (float)-3.00405527047391e+38, 0.01171875f }), sd["extra.bfloat16"]);
    }

    [Fact]
    public void ViewsSavedByPyTorchKeepTheirStridesOffsetsAndSharedStorage()
    {
        var sd = Torch.Load(TestData.File("pytorch113_plain.pth"));
        SampleTensors.AssertEqual(SampleTensors.Plain(), sd);
        Assert.Equal([1L, 4], sd["f64_t"].Stride());
        Assert.Equal(4, sd["f64_row"].StorageOffset);
        Assert.Same(sd["f64_t"].Storage, sd["f64_row"].Storage);
        Assert.Equal(12, sd["f64_row"].Storage.Length);
    }

    [Fact]
    public void TheLoadedStateDictLoadsIntoAModuleOfTheSameShape()
    {
        var model = new StaticNet.NN.Sequential(new StaticNet.NN.Linear(3, 2), new StaticNet.NN.BatchNorm1d(2));
        var sd = Torch.Load(TestData.File("pytorch113_module_state.pth"));
        sd.Remove("extra.half");
        sd.Remove("extra.bfloat16");
        model.LoadStateDict(sd);
        model.Eval();
        // Python: model.eval(); model(torch.tensor([[1., 2., 3.]])) with the same weights
        var y = model.Forward(Torch.Tensor(new[,] { { 1f, 2f, 3f } }));
        StaticNet.Tests.NN.Close.Equal([3.8890480995178223, -3.499995708465576], y, 1e-6); // (4.25 - 1.5)/√0.50001, (-9.5 + 2.5)/√4.00001
    }
}
