using StaticNet.Bench.Models;
using StaticNet.NN;
using StaticNet.Optim;

namespace StaticNet.Bench;

/// <summary>W3: one training step of LeNet on [B, 3, 32, 32] (CrossEntropyLoss, SGD lr=0.001 momentum 0.9); 20 warm-up, 200 timed.</summary>
internal static class W3LeNetStep
{
    public static void Run(string variant, int threads, int batch, int steps = 200, int warmup = 20)
    {
        Torch.ManualSeed(0);
        var model = ModelFactory.LeNet(variant);
        model.Train();
        var lossFn = new CrossEntropyLoss();
        var optimizer = new SGD(model.Parameters(), lr: 0.001, momentum: 0.9);
        var x = Torch.Randn(batch, 3, 32, 32);
        var y = Torch.RandInt(0, 10, [batch]);
        var times = Report.TimeSteps(TrainStep.Of(model, lossFn, optimizer, x, y), warmup, steps);
        Report.Emit(variant, "W3", times, $"batch={batch} threads={threads}");
    }
}
