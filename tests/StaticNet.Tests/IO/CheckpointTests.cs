using StaticNet.NN;
using StaticNet.Optim;

namespace StaticNet.Tests.IO;

/// <summary>Checkpoints (model + optimizer + epoch) and the seed workflow train → save → load → same predictions.</summary>
[Collection(StaticNet.Tests.RandomGeneration.RandomCollection.Name)] // seeds the default generator
public class CheckpointTests
{
    private static readonly Tensor X = Torch.Tensor(new[,] { { 1f, 2f, -1f }, { 0.5f, -1f, 2f }, { -2f, 0f, 1f }, { 3f, 1f, 0f } });
    private static readonly Tensor Y = Torch.Tensor(new[,] { { 1f, 0f }, { -1f, 2f }, { 0.5f, 0.5f }, { 2f, -1f } });

    private static void Train(Module model, Optimizer opt, int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            opt.ZeroGrad();
            F.MseLoss(model.Forward(X), Y).Backward();
            opt.Step();
        }
    }

    [Theory]
    [InlineData(".pth")]
    [InlineData(".safetensors")]
    public void TrainingResumedFromACheckpointContinuesExactlyAsTheUninterruptedRun(string extension)
    {
        using var dir = new TempFolder();
        var path = dir.File("ckpt" + extension);
        Torch.ManualSeed(1);
        var reference = new Linear(3, 2);
        var start = new StateDict();
        foreach (var (k, t) in reference.StateDict()) start[k] = t.Clone();
        var refOpt = new Adam(reference.Parameters(), lr: 0.05, amsgrad: true);
        Train(reference, refOpt, 5);

        var model = new Linear(3, 2);
        model.LoadStateDict(start);
        var opt = new Adam(model.Parameters(), lr: 0.05, amsgrad: true);
        Train(model, opt, 3);
        Torch.Save(new Checkpoint(model.StateDict(), opt.StateDict(), Epoch: 3, Loss: 0.25), path);

        var resumed = new Linear(3, 2);
        var resumedOpt = new Adam(resumed.Parameters(), lr: 0.9);
        var ckpt = Torch.LoadCheckpoint(path);
        resumed.LoadStateDict(ckpt.Model);
        resumedOpt.LoadStateDict(ckpt.Optimizer!);
        Assert.Equal(3, ckpt.Epoch);
        Assert.Equal(0.25, ckpt.Loss);
        Train(resumed, resumedOpt, 2);
        SampleTensors.AssertEqual(reference.StateDict(), resumed.StateDict());
    }

    [Theory]
    [InlineData(".pth")]
    [InlineData(".safetensors")]
    public void AnOptimizerStateRoundTripsWithItsGroupsAndBuffers(string extension)
    {
        using var dir = new TempFolder();
        var path = dir.File("opt" + extension);
        var model = new Linear(3, 2);
        var opt = new SGD([new ParamGroup([model.Weight]), new ParamGroup([model.Bias!]) { Lr = 0.5 }], lr: 0.1, momentum: 0.9, nesterov: true);
        Train(model, opt, 2);
        var saved = opt.StateDict();
        Torch.Save(saved, path);
        var loaded = Torch.LoadOptimizerState(path);
        Assert.Equal(saved.ParamGroups.Count, loaded.ParamGroups.Count);
        for (int g = 0; g < saved.ParamGroups.Count; g++)
        {
            Assert.Equal(saved.ParamGroups[g].Params, loaded.ParamGroups[g].Params);
            Assert.Equal(saved.ParamGroups[g].Options.OrderBy(o => o.Key).Select(o => (o.Key, o.Value.ToString())),
                loaded.ParamGroups[g].Options.OrderBy(o => o.Key).Select(o => (o.Key, o.Value.ToString())));
        }
        Assert.Equal(saved.State.Keys.Order(), loaded.State.Keys.Order());
        foreach (var (i, buffers) in saved.State) SampleTensors.AssertEqual(buffers, loaded.State[i]);
        var e = Assert.Throws<InvalidDataException>(() => Torch.Load(path));
        Assert.Contains("holds an optimizer state, not a state dict; load it with Torch.LoadOptimizerState", e.Message);
    }

    [Theory]
    [InlineData(".pth")]
    [InlineData(".safetensors")]
    public void ATrainedModelSavedAndLoadedIntoANewOneGivesTheSamePredictions(string extension)
    {
        using var dir = new TempFolder();
        var path = dir.File("model" + extension);
        var model = new Linear(3, 2);
        Train(model, new SGD(model.Parameters(), lr: 0.1), 4);
        Torch.Save(model.StateDict(), path);

        var fresh = new Linear(3, 2);
        fresh.LoadStateDict(Torch.Load(path));
        var expected = model.Forward(X).ToArray<float>();
        Assert.Equal(expected, fresh.Forward(X).ToArray<float>());
        Assert.NotEqual(expected, new Linear(3, 2).Forward(X).ToArray<float>());
    }
}
