using StaticNet.NN;
using StaticNet.Optim;
using StaticNet.Vision.Models;
using Zoo = StaticNet.Vision.Models.Models;

namespace StaticNet.Tests.Vision;

/// <summary>
/// The zoo's ResNet-18 runs as ONE fused plan (its BasicBlocks' graphs inlined: node <c>Resnet18Backward0</c>) and equals
/// the same network written by hand with eager modules and the same weights: outputs, gradients, running statistics, an
/// SGD step, and Predict with each BatchNorm folded into its conv. The plan is declared for 3×224×224 and torchvision's
/// 1000 classes but computes its sizes at run time: CIFAR's 3×32×32 and a replaced <c>fc</c>
/// (<c>Models.Resnet18(numClasses: 10)</c>) run the same plan.
/// </summary>
[Collection(StaticNet.Tests.RandomGeneration.RandomCollection.Name)] // seeds the default generator
public class FusedResnet18Tests
{
    private static readonly long[] Targets = [3, 7];

    // Train mode at 224×224, b = 2: layer4's BatchNorms see 2·7·7 values per channel, well conditioned in Float32.
    [Fact]
    public void TrainModeEqualsTheEagerTreeWithRunningStatisticsAndOneSgdStep()
    {
        var (model, twin) = Pair();
        var x = Torch.Randn([2, 3, 224, 224]);
        var optimizer = new SGD(model.Parameters(), lr: 0.01, momentum: 0.9);
        var twinOptimizer = new SGD(twin.Parameters(), lr: 0.01, momentum: 0.9);
        var y = model.Forward(x);
        Assert.Equal("Resnet18Backward0", y.GradFn!.Name);
        var expected = twin.Forward(x);
        AssertRelativelyClose(expected, y, 1e-4, "output");
        F.CrossEntropy(y, Torch.Tensor(Targets)).Backward();
        F.CrossEntropy(expected, Torch.Tensor(Targets)).Backward();
        AssertSameGradients(twin, model, 1e-4);
        var twinState = twin.StateDict();
        foreach (var (key, value) in model.StateDict()) AssertRelativelyClose(twinState[key], value, 1e-5, key);
        Assert.Equal(1L, model.StateDict()["layer4.1.bn2.num_batches_tracked"].Item<long>());
        optimizer.Step();
        twinOptimizer.Step();
        twinState = twin.StateDict();
        foreach (var (key, value) in model.StateDict()) AssertRelativelyClose(twinState[key], value, 1e-5, "after the step: " + key);
    }

    [Fact]
    public void EvalModeEqualsTheEagerTreeAndPredictFoldsToTheSameOutput()
    {
        var (model, twin) = Pair();
        model.Eval();
        twin.Eval();
        var x = Torch.Randn([1, 3, 224, 224]);
        var y = model.Forward(x);
        Assert.Equal("Resnet18Backward0", y.GradFn!.Name);
        var expected = twin.Forward(x);
        AssertRelativelyClose(expected, y, 1e-5, "output");
        using (Torch.NoGrad()) AssertRelativelyClose(expected, model.Predict(x), 1e-5, "Predict (BatchNorm folded into each conv)");
        F.CrossEntropy(y, Torch.Tensor(new long[] { 3 })).Backward();
        F.CrossEntropy(expected, Torch.Tensor(new long[] { 3 })).Backward();
        AssertSameGradients(twin, model, 1e-4);
    }

    // CIFAR-size input with 10 classes, b = 2, in Float64 (layer4's BatchNorms see 2·1·1 values per channel, too few for
    // a tight Float32 comparison): the fused plan at a size it was not declared for, with a replaced fc, equals the eager
    // tree; then a training step trains.
    [Fact]
    public void ACifarSizeTenClassModelRunsTheFusedPlanEqualsTheEagerTreeAndTrains()
    {
        var (model, twin) = Pair(numClasses: 10);
        model.To(DType.Float64);
        twin.To(DType.Float64);
        var optimizer = new SGD(model.Parameters(), lr: 0.01, momentum: 0.9);
        var twinOptimizer = new SGD(twin.Parameters(), lr: 0.01, momentum: 0.9);
        var x = Torch.Randn([2, 3, 32, 32], DType.Float64);
        var before = model.Layers.Conv1.Weight.Detach().Clone();
        var y = model.Forward(x);
        Assert.Equal("Resnet18Backward0", y.GradFn!.Name);
        Assert.Equal([2L, 10L], y.Shape.ToArray());
        var expected = twin.Forward(x);
        AssertRelativelyClose(expected, y, 1e-9, "output");
        F.CrossEntropy(y, Torch.Tensor(Targets)).Backward();
        F.CrossEntropy(expected, Torch.Tensor(Targets)).Backward();
        AssertSameGradients(twin, model, 1e-9);
        optimizer.Step();
        twinOptimizer.Step();
        Assert.False(before.Equal(model.Layers.Conv1.Weight.Detach()), "conv1 did not train");
        model.Eval();
        twin.Eval();
        using (Torch.NoGrad()) AssertRelativelyClose(twin.Forward(x), model.Predict(x), 1e-9, "Predict at 32×32 after the step");
    }

    // A seeded Resnet18 with non-trivial BatchNorm statistics and affine parameters, and the eager tree holding its state.
    private static (Resnet18 Model, EagerResnet18 Twin) Pair(int numClasses = 1000)
    {
        Torch.ManualSeed(17);
        var model = Zoo.Resnet18(numClasses);
        using (Torch.NoGrad())
            foreach (var bn in model.Modules().OfType<BatchNorm2d>())
            {
                bn.RunningMean!.Uniform_(-0.5, 0.5);
                bn.RunningVar!.Uniform_(0.5, 1.5);
                bn.Weight!.Uniform_(0.5, 1.5);
                bn.Bias!.Uniform_(-0.2, 0.2);
            }
        var twin = new EagerResnet18(numClasses);
        twin.LoadStateDict(model.StateDict());
        Torch.ManualSeed(18);
        return (model, twin);
    }

    private static void AssertSameGradients(Module expected, Module actual, double tolerance)
    {
        var grads = expected.NamedParameters().ToDictionary(p => p.Name, p => p.Param.Grad!);
        var named = actual.NamedParameters().ToList();
        Assert.Equal(grads.Keys, named.Select(p => p.Name));
        foreach (var (name, p) in named) AssertRelativelyClose(grads[name], p.Grad!, tolerance, "gradient of " + name);
    }

    // Each element within tolerance × the expected tensor's largest magnitude (plus a floor for all-zero tensors).
    private static void AssertRelativelyClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.Shape.ToString(), actual.Shape.ToString());
        var e = expected.To(DType.Float64).ToArray<double>();
        var a = actual.To(DType.Float64).ToArray<double>();
        double scale = Math.Max(e.Length == 0 ? 0 : e.Max(Math.Abs), 1e-30);
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * scale, $"{what}[{i}]: eager {e[i]}, fused {a[i]} (largest |eager| {scale})");
    }

    // torchvision's BasicBlock written by hand with the runtime's eager modules: the independent reference.
    private sealed class EagerBasicBlock : Module
    {
        private readonly Conv2d _conv1, _conv2;
        private readonly BatchNorm2d _bn1, _bn2;
        private readonly Sequential? _downsample;

        public EagerBasicBlock(int inPlanes, int planes, int stride)
        {
            _conv1 = Register("conv1", new Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false));
            _bn1 = Register("bn1", new BatchNorm2d(planes));
            Register("relu", new ReLU(inplace: true));
            _conv2 = Register("conv2", new Conv2d(planes, planes, 3, padding: 1, bias: false));
            _bn2 = Register("bn2", new BatchNorm2d(planes));
            if (stride != 1 || inPlanes != planes)
                _downsample = Register("downsample", new Sequential(new Conv2d(inPlanes, planes, 1, stride: stride, bias: false), new BatchNorm2d(planes)));
        }

        public override Tensor Forward(Tensor x)
        {
            var identity = _downsample?.Forward(x) ?? x;
            var y = F.Relu(_bn1.Forward(_conv1.Forward(x)));
            y = _bn2.Forward(_conv2.Forward(y));
            return F.Relu(y + identity);
        }
    }

    private sealed class EagerResnet18 : Module
    {
        private readonly Module _conv1, _bn1, _maxpool, _layer1, _layer2, _layer3, _layer4, _avgpool, _fc;

        public EagerResnet18(int numClasses)
        {
            _conv1 = Register("conv1", new Conv2d(3, 64, 7, stride: 2, padding: 3, bias: false));
            _bn1 = Register("bn1", new BatchNorm2d(64));
            Register("relu", new ReLU(inplace: true));
            _maxpool = Register("maxpool", new MaxPool2d(3, stride: 2, padding: 1));
            _layer1 = Register("layer1", new Sequential(new EagerBasicBlock(64, 64, 1), new EagerBasicBlock(64, 64, 1)));
            _layer2 = Register("layer2", new Sequential(new EagerBasicBlock(64, 128, 2), new EagerBasicBlock(128, 128, 1)));
            _layer3 = Register("layer3", new Sequential(new EagerBasicBlock(128, 256, 2), new EagerBasicBlock(256, 256, 1)));
            _layer4 = Register("layer4", new Sequential(new EagerBasicBlock(256, 512, 2), new EagerBasicBlock(512, 512, 1)));
            _avgpool = Register("avgpool", new AdaptiveAvgPool2d(1));
            _fc = Register("fc", new Linear(512, numClasses));
        }

        public override Tensor Forward(Tensor x)
        {
            x = _maxpool.Forward(F.Relu(_bn1.Forward(_conv1.Forward(x))));
            x = _layer4.Forward(_layer3.Forward(_layer2.Forward(_layer1.Forward(x))));
            return _fc.Forward(_avgpool.Forward(x).Flatten(1));
        }
    }
}
