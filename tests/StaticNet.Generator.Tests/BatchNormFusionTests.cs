using StaticNet.Compiler.Graph;
using StaticNet.Compiler.Parse;
using StaticNet.Compiler.Shapes;
using StaticNet.Generators.Tests.Infrastructure;
using StaticNet.Generators.Tests.Models;
using StaticNet.NN;

namespace StaticNet.Generators.Tests;

/// <summary>
/// BatchNorm1d/2d in the fused plan: it lowers (no SN0104), the fused Forward equals the same body run eagerly in training
/// (batch statistics, the running statistics and num_batches_tracked after each step, every gradient) and in evaluation
/// (running statistics), the generated backward passes GradCheck in Float64 both ways, the running statistics match
/// hand-computed values, and Predict, which folds each BatchNorm into the convolution or Linear before it, equals eval.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class BatchNormFusionTests
{
    [Fact]
    public void BatchNormLowersWithItsActivationAsEpilogueAndFoldsOnlyAfterASoleReaderLayer()
    {
        Assert.Equal(["Conv2d:None", "BatchNorm:Relu:folds", "Conv2d:None", "BatchNorm:None:folds", "+", "Tanh", "Linear:None"],
            Lower("BatchNormConvNet").Ops.Select(Describe));
        // bn0 reads the input (nothing to fold into); bn2's Sigmoid joins its epilogue.
        var mlp = Lower("BatchNormMlp");
        Assert.Equal(["BatchNorm:None", "Linear:None", "BatchNorm:None:folds", "Tanh", "Linear:None", "BatchNorm:Sigmoid:folds", "+", "Linear:None"],
            mlp.Ops.Select(Describe));
        var bn0 = (BatchNormOp)mlp.Ops[0];
        Assert.Equal((4L, 1L, true), (bn0.Channels, bn0.Spatial, bn0.Affine));
        var sequence = (BatchNormOp)Lower("BatchNormSequenceNet").Ops[0];
        Assert.Equal((3L, 4L), (sequence.Channels, sequence.Spatial));
    }

    [Theory]
    [InlineData("BatchNormConvNet")]
    [InlineData("BatchNormMlp")]
    [InlineData("BatchNormSequenceNet")]
    public void FusedTrainingStepsEqualTheEagerBodyWithRunningStatisticsInFloat64(string name)
    {
        var (fused, eager, eagerBody, sample) = Pair(name);
        for (int step = 0; step < 3; step++) // three steps: the cumulative average differs from momentum 0.1 after the first
        {
            Torch.ManualSeed((ulong)(20 + step));
            var x = Torch.Randn([4, .. sample], DType.Float64, requiresGrad: true);
            var y = fused.Forward(x);
            Assert.Equal(name + "Backward0", y.GradFn!.Name);
            var expected = eagerBody(x);
            AssertClose(expected, y, $"step {step} output");
            AssertSameState(eager, fused, step);
            AssertSameGradients(fused, eager, x, y, expected);
        }
    }

    [Theory]
    [InlineData("BatchNormConvNet")]
    [InlineData("BatchNormMlp")]
    public void FusedEvaluationUsesTheRunningStatisticsAsTheEagerBodyDoes(string name)
    {
        var (fused, eager, eagerBody, sample) = Pair(name);
        SetRunningStatistics(fused);
        SetRunningStatistics(eager);
        fused.Eval();
        eager.Eval();
        Torch.ManualSeed(31);
        var x = Torch.Randn([3, .. sample], DType.Float64, requiresGrad: true);
        var y = fused.Forward(x);
        Assert.Equal(name + "Backward0", y.GradFn!.Name);
        var expected = eagerBody(x);
        AssertClose(expected, y, "output");
        AssertSameState(eager, fused, 0); // evaluation leaves the running statistics and the batch count alone
        Assert.All(fused.StateDict().Where(e => e.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)), e => Assert.Equal(0L, e.Value.Item<long>()));
        AssertSameGradients(fused, eager, x, y, expected);
    }

    [Theory]
    [InlineData("BatchNormConvNet", true)]
    [InlineData("BatchNormConvNet", false)]
    [InlineData("BatchNormMlp", true)]
    [InlineData("BatchNormMlp", false)]
    [InlineData("BatchNormSequenceNet", true)]
    public void FusedBatchNormBackwardPassesGradCheckInFloat64(string name, bool training)
    {
        var (model, _, _, sample) = Pair(name);
        if (!training)
        {
            SetRunningStatistics(model);
            model.Eval();
        }
        Torch.ManualSeed(8);
        var x = Torch.Randn([3, .. sample], DType.Float64, requiresGrad: true);
        var recorded = new List<string>();
        Tensor Forward(Tensor[] inputs)
        {
            var y = model.Forward(inputs[0]);
            if (y.GradFn is { } fn) recorded.Add(fn.Name);
            return y;
        }
        Assert.True(Torch.Autograd.GradCheck(Forward, [x, .. model.Parameters().Cast<Tensor>()]));
        Assert.NotEmpty(recorded);
        Assert.All(recorded, n => Assert.Equal(name + "Backward0", n));
    }

    [Fact]
    public void RunningStatisticsAfterOneFusedStepAreTheHandComputedMomentumAverage()
    {
        // BatchNorm1d(3) over [B = 2, C = 3, L = 4]: each channel's 8 values are k·c + small offsets, so mean and variance
        // are easy to write down: running_mean = 0.1·mean, running_var = 0.9·1 + 0.1·Σ(x − mean)²/(8 − 1).
        Torch.ManualSeed(1);
        var model = new BatchNormSequenceNet();
        var data = new float[2 * 3 * 4];
        for (int i = 0; i < data.Length; i++) data[i] = (i / 4 % 3) * 2 + (i % 4) * 0.5f + (i / 12) * 1.25f;
        model.Forward(Torch.Tensor(data).Reshape(2, 3, 4));
        var norm = (BatchNorm1d)model.Layers.Normalize[0];
        for (int c = 0; c < 3; c++)
        {
            var values = Enumerable.Range(0, 2).SelectMany(n => Enumerable.Range(0, 4).Select(l => (double)data[n * 12 + c * 4 + l])).ToArray();
            double mean = values.Average(), unbiased = values.Sum(v => (v - mean) * (v - mean)) / 7;
            Assert.Equal(0.1 * mean, norm.RunningMean!.ToArray<float>()[c], 5);
            Assert.Equal(0.9 + 0.1 * unbiased, norm.RunningVar!.ToArray<float>()[c], 5);
        }
        Assert.Equal(1L, norm.NumBatchesTracked!.Item<long>());
    }

    [Fact]
    public void ACumulativeAverageIsThePlainMeanOfTheBatchesSeen()
    {
        // bn0 of BatchNormMlp normalizes the input directly: after k steps with momentum 0.1 its running mean is
        // Σ 0.1·0.9^(k−1−j)·mean_j; bn2 (momentum=None) is checked against the eager twin in the training test.
        Torch.ManualSeed(2);
        var model = new BatchNormMlp();
        var means = new List<double[]>();
        for (int step = 0; step < 3; step++)
        {
            Torch.ManualSeed((ulong)(40 + step));
            var x = Torch.Randn(6, 4);
            means.Add(x.Mean([0]).ToArray<float>().Select(v => (double)v).ToArray());
            model.Forward(x);
        }
        var running = model.Layers.Bn0.RunningMean!.ToArray<float>();
        for (int c = 0; c < 4; c++)
        {
            double expected = 0;
            foreach (var m in means) expected = 0.9 * expected + 0.1 * m[c];
            Assert.Equal(expected, running[c], 5);
        }
        Assert.Equal(3L, model.Layers.Bn2.NumBatchesTracked!.Item<long>());
    }

    [Theory]
    [InlineData("BatchNormConvNet")]
    [InlineData("BatchNormMlp")]
    public void PredictFoldsBatchNormAndEqualsTheEagerEvaluation(string name)
    {
        var (model, eager, eagerBody, sample) = Pair(name);
        SetRunningStatistics(model);
        SetRunningStatistics(eager);
        eager.Eval();
        Torch.ManualSeed(12);
        var x = Torch.Randn([3, .. sample], DType.Float64);
        var predicted = Predict(model, x);
        Assert.True(model.Training); // Predict evaluates without changing the mode
        Tensor expected;
        using (Torch.NoGrad()) expected = eagerBody(x);
        AssertClose(expected, predicted, "prediction", 1e-12);
        // Still equal after the parameters change: the fold is recomputed from the current weights and statistics.
        using (Torch.NoGrad())
            foreach (var p in model.Parameters().Concat(eager.Parameters())) p.Mul_(1.5);
        using (Torch.NoGrad()) expected = eagerBody(x);
        AssertClose(expected, Predict(model, x), "prediction after an update", 1e-12);
    }

    [Fact]
    public void TrainingOnOneValuePerChannelThrowsAsTheEagerLayerDoes()
    {
        var model = new BatchNormMlp();
        var error = Assert.Throws<ArgumentException>(() => model.Forward(Torch.Randn(1, 4)));
        Assert.Contains("Expected more than 1 value per channel when training", error.Message);
        model.Eval();
        var y = model.Forward(Torch.Randn(1, 4));
        Assert.Equal((1L, 3L), (y.Size(0), y.Size(1)));
    }

    // Two Float64 copies of one model (same seed: same parameters): one runs fused, the other's body eagerly.
    private static (Module Fused, Module Eager, Func<Tensor, Tensor> EagerBody, long[] Sample) Pair(string name)
    {
        Torch.ManualSeed(5);
        (Module, Func<Tensor, Tensor>, long[]) Make() => name switch
        {
            "BatchNormConvNet" => Wrap(new BatchNormConvNet(), m => m.Network, [2, 5, 5]),
            "BatchNormMlp" => Wrap(new BatchNormMlp(), m => m.Network, [4]),
            _ => Wrap(new BatchNormSequenceNet(), m => m.Network, [3, 4]),
        };
        var (fused, _, sample) = Make();
        Torch.ManualSeed(5);
        var (eager, body, _) = Make();
        fused.To(DType.Float64);
        eager.To(DType.Float64);
        return (fused, eager, body, sample);
    }

    private static Tensor Predict(Module model, Tensor x) => model switch
    {
        BatchNormConvNet m => m.Predict(x),
        BatchNormMlp m => m.Predict(x),
        _ => ((BatchNormSequenceNet)model).Predict(x),
    };

    private static (Module, Func<Tensor, Tensor>, long[]) Wrap<TModel>(TModel model, Func<TModel, Func<Tensor, Tensor>> body, long[] sample)
        where TModel : Module => (model, body(model), sample);

    // Running statistics away from 0 and 1 (and the same in every copy), so evaluation and folding are exercised.
    private static void SetRunningStatistics(Module model)
    {
        using var _ = Torch.NoGrad();
        foreach (var module in model.Modules().OfType<BatchNorm>())
        {
            long c = module.NumFeatures;
            module.RunningMean!.Copy_(Torch.Arange(c).Double() * 0.3 - 0.2);
            module.RunningVar!.Copy_(Torch.Arange(c).Double() * 0.25 + 0.5);
        }
    }

    private static void AssertSameState(Module expected, Module actual, int step)
    {
        var e = expected.StateDict().ToList();
        var a = actual.StateDict().ToList();
        Assert.Equal(e.Select(p => p.Key), a.Select(p => p.Key));
        for (int i = 0; i < e.Count; i++)
        {
            if (e[i].Value.DType == DType.Int64) Assert.Equal(e[i].Value.Item<long>(), a[i].Value.Item<long>());
            else AssertClose(e[i].Value, a[i].Value, $"step {step} {e[i].Key}");
        }
    }

    private static void AssertSameGradients(Module model, Module eager, Tensor x, Tensor fused, Tensor expected)
    {
        var weights = Torch.Randn(fused.Shape, DType.Float64);
        var inputs = model.Parameters().Cast<Tensor>().Prepend(x).ToArray();
        var fusedGrads = Torch.Autograd.Grad([(fused * weights).Sum()], inputs);
        var eagerGrads = Torch.Autograd.Grad([(expected * weights).Sum()], eager.Parameters().Cast<Tensor>().Prepend(x).ToArray());
        for (int i = 0; i < inputs.Length; i++) AssertClose(eagerGrads[i]!, fusedGrads[i]!, i == 0 ? "dx" : "d" + model.NamedParameters().ElementAt(i - 1).Name);
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what, double tolerance = 1e-10)
    {
        Assert.Equal(expected.Shape.ToString(), actual.Shape.ToString());
        var e = expected.ToArray<double>();
        var a = actual.ToArray<double>();
        for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * (1 + Math.Abs(e[i])), $"{what}[{i}]: {e[i]} vs {a[i]}");
    }

    private static string Describe(PlanOp op) => op switch
    {
        BatchNormOp b => "BatchNorm:" + b.Activation + (b.FoldsIntoProducer ? ":folds" : ""),
        LinearOp l => "Linear:" + l.Activation,
        Conv2dOp c => "Conv2d:" + c.Activation,
        ElementwiseOp e => e.IsMultiply ? "*" : "+",
        ActivationOp a => a.Activation.ToString(),
        _ => op.GetType().Name,
    };

    private static PlanGraph Lower(string type)
    {
        var compilation = GeneratorRunner.Compile(GeneratorRunner.ModelSource(type == "BatchNormConvNet" ? "BatchNormConvNet.cs" : "BatchNormNets.cs"));
        var symbol = compilation.GetTypeByMetadataName("StaticNet.Generators.Tests.Models." + type)!;
        var inferred = ShapeInference.Infer(ModelParser.Parse(symbol, compilation, default), default);
        var lowering = GraphLowering.Lower(inferred);
        Assert.Null(lowering.Blocker);
        return lowering.Graph!;
    }
}
