using StaticNet.Bench.Models;
using StaticNet.NN;
using StaticNet.Optim;

namespace StaticNet.Bench;

/// <summary>W4: one step of the tiny regression (MSELoss, SGD lr=0.001) on bench.py's fixed 4×2 x and 4×1 y; 200 warm-up, 2000 timed.</summary>
internal static class W4TinyStep
{
    public static void Run(string variant, int threads, int steps = 2000, int warmup = 200)
    {
        Torch.ManualSeed(0);
        var model = ModelFactory.Tiny(variant);
        var lossFn = new MSELoss();
        var optimizer = new SGD(model.Parameters(), lr: 0.001);
        var x = Torch.Tensor(new[,] { { 1.0f, 2.0f }, { 3.0f, 4.0f }, { 5.0f, 6.0f }, { 7.0f, 8.0f } });
        var y = Torch.Tensor(new[,] { { 3.0f }, { 7.0f }, { 11.0f }, { 15.0f } });
        var times = Report.TimeSteps(TrainStep.Of(model, lossFn, optimizer, x, y), warmup, steps);
        Report.Emit(variant, "W4", times, $"batch=4 threads={threads}");
    }
}
