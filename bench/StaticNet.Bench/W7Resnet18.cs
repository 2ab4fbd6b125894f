using StaticNet.Bench.Models;
using StaticNet.NN;
using StaticNet.Optim;
using StaticNet.Vision.Models;

namespace StaticNet.Bench;

/// <summary>
/// W7 (the kit's <c>pytorch/bench.py --workloads W7</c>): torchvision's resnet18 with 10 classes, a training step on
/// [32, 3, 32, 32] (CrossEntropyLoss, SGD lr=0.01 momentum 0.9, train mode), then the same model in eval mode for
/// inference at batch 1 on [1, 3, 224, 224] (Predict, or Forward under NoGrad); 5 warm-up and 30 timed each. Then, beyond
/// the kit, inference with torchvision's 1000 classes (<c>classes=1000</c>), the one configuration the zoo's fused plan
/// is compiled for. Before timing, a comment line says which path the model's Forward takes (the output's grad_fn:
/// <c>Resnet18Backward0</c> is the fused plan).
/// </summary>
internal static class W7Resnet18
{
    private const string FusedNode = "Resnet18Backward0";

    public static void Run(string variant, int threads, int steps = 30, int warmup = 5)
    {
        Torch.ManualSeed(0);
        var model = ModelFactory.Resnet18(variant, numClasses: 10);
        model.Train();
        var lossFn = new CrossEntropyLoss();
        var optimizer = new SGD(model.Parameters(), lr: 0.01, momentum: 0.9);
        var x = Torch.Randn(32, 3, 32, 32);
        var y = Torch.RandInt(0, 10, [32]);
        string fields = $"batch=32 phase=train threads={threads}";
        Report.Line(Path(variant, model, x, fields));
        Report.Emit(variant, "W7", Report.TimeSteps(TrainStep.Of(model, lossFn, optimizer, x, y), warmup, steps), fields);

        model.Eval();
        var image = Torch.Randn(1, 3, 224, 224);
        fields = $"batch=1 phase=infer threads={threads}";
        Report.Line(Path(variant, model, image, fields));
        Report.Emit(variant, "W7", Report.TimeSteps(() => Infer(model, image), warmup, steps), fields);

        // torchvision's own head: the declared model as declared, so Predict can run the fused plan.
        Torch.ManualSeed(0);
        var imagenet = ModelFactory.Resnet18(variant, numClasses: 1000);
        imagenet.Eval();
        fields = $"batch=1 phase=infer classes=1000 threads={threads}";
        Report.Line(Path(variant, imagenet, image, fields));
        Report.Emit(variant, "W7", Report.TimeSteps(() => Infer(imagenet, image), warmup, steps), fields);
    }

    /// <summary>One inference call as user code writes it: the generated <c>Predict</c>, or Forward under NoGrad.</summary>
    private static Tensor Infer(Module model, Tensor x)
    {
        using (Torch.NoGrad())
            return model is Resnet18 declared ? declared.Predict(x) : model.Forward(x);
    }

    // A '#' line with the path the timed calls take, from one untimed Forward with grad mode on (in train mode it also
    // counts as a warm-up step's forward for the running statistics). Predict dispatches exactly as Forward does.
    private static string Path(string variant, Module model, Tensor x, string fields)
    {
        string gradFn = model.Forward(x).GradFn?.Name ?? "none";
        string plan = gradFn == FusedNode ? "fused" : "eager";
        var why = new List<string>();
        if (model is Resnet18 declared)
        {
            if (declared.Layers.Replaced) why.Add("the zoo replaces fc for numClasses != 1000");
            if (!x.Shape.Skip(1).SequenceEqual([3L, 224, 224])) why.Add("the input is not the declared 3x224x224");
        }
        else why.Add("an eager module tree");
        string because = plan == "fused" || why.Count == 0 ? "" : $" (not fused: {string.Join("; ", why)})";
        return $"# W7 {fields} variant={variant} plan={plan} grad_fn={gradFn}{because}";
    }
}
