using StaticNet.Bench.Models;
using StaticNet.NN;

namespace StaticNet.Bench;

/// <summary>W5: the MLP in eval mode under NoGrad; B=1 with 50 warm-up and 1000 timed, B=64 with 50 warm-up and 300 timed.</summary>
internal static class W5Inference
{
    public static void Run(string variant, int threads, int batch, int reps, int warmup = 50)
    {
        Torch.ManualSeed(0);
        var model = ModelFactory.Mlp(variant);
        model.Eval();
        var x = Torch.Rand(batch, 1, 28, 28);
        var times = Report.TimeSteps(() => Infer(model, x), warmup, reps);
        Report.Emit(variant, "W5", times, $"batch={batch} threads={threads}");
    }

    /// <summary>One inference call as user code writes it: the generated <c>Predict</c>, or Forward under NoGrad.</summary>
    public static Tensor Infer(Module model, Tensor x)
    {
        using (Torch.NoGrad())
            return model is DeclaredMlp declared ? declared.Predict(x) : model.Forward(x);
    }
}
