using StaticNet.Bench.Models;
using StaticNet.NN;
using StaticNet.Optim;

namespace StaticNet.Bench;

/// <summary>W2: one training step of the MLP at batch 64 (CrossEntropyLoss, AdamW lr=1e-3); 20 warm-up, 200 timed.</summary>
internal static class W2MlpStep
{
    public static void Run(string variant, int threads, int steps = 200, int warmup = 20, int batch = 64)
    {
        Torch.ManualSeed(0);
        var model = ModelFactory.Mlp(variant);
        model.Train();
        var lossFn = new CrossEntropyLoss();
        var optimizer = new AdamW(model.Parameters(), lr: 1e-3);
        var x = Torch.Rand(batch, 1, 28, 28);
        var y = Torch.RandInt(0, 10, [batch]);
        var times = Report.TimeSteps(TrainStep.Of(model, lossFn, optimizer, x, y), warmup, steps);
        Report.Emit(variant, "W2", times, $"batch={batch} threads={threads}");
    }
}
