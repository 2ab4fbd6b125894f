using StaticNet.Generators.Tests.Models;
using StaticNet.Gpu.Tests.Models;
using StaticNet.NN;
using StaticNet.Optim;
using static StaticNet.Gpu.Tests.Parity;

namespace StaticNet.Gpu.Tests;

/// <summary>
/// The SAME generated plan on the device under test (ilgpu-cpu by default): a declared model moved with <c>To(device)</c> records its own fused node
/// (<c>&lt;Model&gt;Backward0</c>, not an eager op), and its output, input gradient, parameter gradients, running
/// statistics, training steps and Predict match the CPU plan's; finite differences in Float64 check the device backward.
/// </summary>
public class GeneratedPlanTests
{
    private sealed record Spec(Func<Module> Create, long[] Sample, Func<Module, Tensor, Tensor> Predict);

    private static Spec Model(string name) => name switch
    {
        nameof(Seed000Net) => new(() => new Seed000Net(), [1, 8, 8], (m, x) => ((Seed000Net)m).Predict(x)),
        nameof(SmallLeNet) => new(() => new SmallLeNet(), [1, 12, 12], (m, x) => ((SmallLeNet)m).Predict(x)),
        nameof(BatchNormConvNet) => new(() => new BatchNormConvNet(), [2, 5, 5], (m, x) => ((BatchNormConvNet)m).Predict(x)),
        nameof(ResidualNet) => new(() => new ResidualNet(), [6], (m, x) => ((ResidualNet)m).Predict(x)),
        nameof(ConvResidualNet) => new(() => new ConvResidualNet(), [2, 6, 6], (m, x) => ((ConvResidualNet)m).Predict(x)),
        nameof(SoftmaxNet) => new(() => new SoftmaxNet(), [5], (m, x) => ((SoftmaxNet)m).Predict(x)),
        nameof(ComposedNet) => new(() => new ComposedNet(), [1, 8, 8], (m, x) => ((ComposedNet)m).Predict(x)),
        nameof(BroadcastCatNet) => new(() => new BroadcastCatNet(), [2, 4, 4], (m, x) => ((BroadcastCatNet)m).Predict(x)),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    // The same initial parameters on the CPU and on ilgpu-cpu.
    private static (Module Cpu, Module Gpu) Pair(Spec spec, int seed = 5)
    {
        Torch.ManualSeed((ulong)seed);
        var cpu = spec.Create();
        Torch.ManualSeed((ulong)seed);
        var gpu = spec.Create().To(UnderTest);
        return (cpu, gpu);
    }

    private static Tensor Input(Spec spec, int batch, DType dtype = DType.Float32) =>
        Torch.Randn([batch, .. spec.Sample], dtype: dtype, generator: new Generator(7));

    [Theory]
    [InlineData(nameof(Seed000Net), 3)]
    [InlineData(nameof(SmallLeNet), 2)]
    [InlineData(nameof(BatchNormConvNet), 3)]
    [InlineData(nameof(ResidualNet), 4)]
    [InlineData(nameof(ConvResidualNet), 2)]
    [InlineData(nameof(SoftmaxNet), 3)]
    [InlineData(nameof(ComposedNet), 3)] // two [Block]s inlined into the outer plan
    [InlineData(nameof(BroadcastCatNet), 2)] // broadcasting * and +, Cat along the channels
    public void The_fused_plan_runs_on_the_device_and_matches_the_cpu_plan(string name, int batch)
    {
        var spec = Model(name);
        var (cpu, gpu) = Pair(spec);
        var x = Input(spec, batch);
        var xc = x.Clone().RequiresGrad_();
        var xg = x.To(UnderTest).RequiresGrad_();
        // Dropout (Seed000Net) draws from the default generator: the same seed gives both devices the same mask.
        Torch.ManualSeed(21);
        var yc = cpu.Forward(xc);
        Torch.ManualSeed(21);
        var yg = gpu.Forward(xg);
        Assert.Equal(name + "Backward0", yc.GradFn!.Name);
        Assert.Equal(name + "Backward0", yg.GradFn!.Name); // the generated node, not an eager op
        Assert.Equal(UnderTest, yg.Device);
        Close(yc, yg, name + " output");

        var dy = Torch.Randn(yc.ShapeArray, generator: new Generator(9));
        // Two backward passes: the first creates each Grad, the second adds into it (the plan's β = 1 paths).
        for (int pass = 0; pass < 2; pass++)
        {
            var (c, g) = pass == 0 ? (yc, yg) : (Forward(cpu, xc), Forward(gpu, xg));
            c.Backward(dy);
            g.Backward(dy.To(UnderTest));
        }
        Close(xc.Grad!, xg.Grad!, name + " input gradient");
        AssertSameState(cpu, gpu, name);
    }

    private static Tensor Forward(Module model, Tensor x)
    {
        Torch.ManualSeed(21);
        return model.Forward(x);
    }

    // Every parameter (value and gradient) and buffer (running statistics, batches tracked) of the two models.
    private static void AssertSameState(Module cpu, Module gpu, string name)
    {
        var gpuParameters = gpu.NamedParameters().ToDictionary(p => p.Name, p => p.Param);
        foreach (var (pname, p) in cpu.NamedParameters())
        {
            var q = gpuParameters[pname];
            Assert.Equal(UnderTest, q.Device);
            Close(p, q, $"{name}.{pname}");
            Assert.True(p.Grad is not null && q.Grad is not null, $"{name}.{pname}: a gradient is missing");
            Assert.Equal(UnderTest, q.Grad!.Device);
            Close(p.Grad!, q.Grad!, $"{name}.{pname}.grad");
        }
        var gpuBuffers = gpu.NamedBuffers().ToDictionary(b => b.Name, b => b.Buffer);
        foreach (var (bname, b) in cpu.NamedBuffers())
        {
            if (b is null) continue;
            var g = gpuBuffers[bname]!;
            if (b.DType == DType.Int64) Assert.Equal(b.ToArray<long>(), g.Cpu().ToArray<long>());
            else Close(b, g, $"{name}.{bname}");
        }
    }

    private static void Close(Tensor cpu, Tensor gpu, string what, double tolerance = 1e-4)
    {
        Assert.Equal(cpu.Shape, gpu.Shape);
        var e = cpu.Detach().ToArray<double>();
        var a = gpu.Detach().Cpu().ToArray<double>();
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * Math.Max(1, Math.Abs(e[i])), $"{what}[{i}]: cpu {e[i]}, ilgpu-cpu {a[i]}");
    }

    [Theory]
    [InlineData(nameof(SmallLeNet), 2)]
    [InlineData(nameof(BatchNormConvNet), 3)]
    [InlineData(nameof(ResidualNet), 2)]
    [InlineData(nameof(ConvResidualNet), 1)]
    [InlineData(nameof(SoftmaxNet), 2)]
    [InlineData(nameof(ComposedNet), 2)]
    [InlineData(nameof(BroadcastCatNet), 2)]
    public void GradCheck_through_the_fused_node_on_the_device_in_float64(string name, int batch)
    {
        var spec = Model(name);
        var (_, gpu) = Pair(spec, seed: 3);
        gpu.To(DType.Float64);
        // The input lives on the CPU, where GradCheck perturbs it; the plan runs on ilgpu-cpu. Its input gradient is the
        // whole backward chain (every op's dX); the parameter gradients are compared with the CPU plan's above.
        foreach (var p in gpu.Parameters()) p.RequiresGrad = false;
        var x = Input(spec, batch, DType.Float64).RequiresGrad_();
        var recorded = new List<string>();
        Assert.True(Torch.Autograd.GradCheck(t =>
        {
            var y = gpu.Forward(t[0].To(UnderTest));
            Assert.Equal(UnderTest, y.Device);
            if (y.GradFn is { } fn) recorded.Add(fn.Name);
            return y.Cpu();
        }, [x]));
        Assert.NotEmpty(recorded);
        Assert.All(recorded, n => Assert.Equal(name + "Backward0", n));
    }

    [Theory]
    [InlineData(nameof(Seed000Net), "sgd")]
    [InlineData(nameof(SmallLeNet), "adam")]
    [InlineData(nameof(BatchNormConvNet), "sgd")]
    [InlineData(nameof(ConvResidualNet), "adam")]
    [InlineData(nameof(ComposedNet), "sgd")]
    // Not BatchNormConvNet with Adam: conv1's bias feeds a BatchNorm with batch statistics, so its exact gradient is 0 and
    // Adam's g/√v turns the rounding noise of either device into a full ±lr step.
    public void Training_steps_on_the_device_match_the_cpu_run(string name, string optimizer)
    {
        var spec = Model(name);
        var (cpu, gpu) = Pair(spec, seed: 1);
        Train(cpu, spec, optimizer, Device.Cpu);
        Train(gpu, spec, optimizer, UnderTest);
        var gpuParameters = gpu.NamedParameters().ToDictionary(p => p.Name, p => p.Param);
        foreach (var (pname, p) in cpu.NamedParameters()) Close(p, gpuParameters[pname], $"{name}.{pname} after training");
        var gpuBuffers = gpu.NamedBuffers().ToDictionary(b => b.Name, b => b.Buffer);
        foreach (var (bname, b) in cpu.NamedBuffers())
            if (b is not null && b.DType != DType.Int64) Close(b, gpuBuffers[bname]!, $"{name}.{bname} after training");
    }

    private static void Train(Module model, Spec spec, string optimizer, Device device)
    {
        Optimizer opt = optimizer == "sgd" ? new SGD(model.Parameters(), lr: 0.1, momentum: 0.9) : new Adam(model.Parameters(), lr: 1e-2);
        var loss = new CrossEntropyLoss();
        var data = new Generator(11);
        for (int s = 0; s < 3; s++)
        {
            var x = Torch.Randn([4, .. spec.Sample], generator: data).To(device);
            var y = model.Forward(SeededFor(s, x));
            var target = Torch.RandInt(0, y.Size(1), [4], generator: data).To(device);
            var l = loss.Forward(y, target);
            Assert.Equal(device, l.Device);
            opt.ZeroGrad();
            l.Backward();
            opt.Step();
        }
    }

    // The dropout masks of step s come from the default generator seeded alike on both devices.
    private static Tensor SeededFor(int step, Tensor x)
    {
        Torch.ManualSeed((ulong)(100 + step));
        return x;
    }

    [Theory]
    [InlineData(nameof(Seed000Net))]
    [InlineData(nameof(SmallLeNet))]
    [InlineData(nameof(BatchNormConvNet))] // Predict folds both BatchNorms into their convolutions on the device
    [InlineData(nameof(ComposedNet))]
    public void Predict_runs_on_the_device(string name)
    {
        var spec = Model(name);
        var (cpu, gpu) = Pair(spec);
        // A training step first so the running statistics are not the initial ones.
        var warm = Input(spec, 3);
        cpu.Forward(warm);
        gpu.Forward(warm.To(UnderTest));
        var x = Input(spec, 2);
        var expected = spec.Predict(cpu, x);
        var actual = spec.Predict(gpu, x.To(UnderTest));
        Assert.Equal(UnderTest, actual.Device);
        Assert.Null(actual.GradFn);
        Close(expected, actual, name + " Predict");
    }

    [Fact]
    public void A_plan_of_two_outputs_runs_on_the_device_as_one_node_and_matches_the_cpu_plan()
    {
        Torch.ManualSeed(5);
        var cpu = new TwoOutputNet();
        Torch.ManualSeed(5);
        var gpu = new TwoOutputNet().To(UnderTest);
        var x = Torch.Randn([4, 3], generator: new Generator(7));
        var (oc, hc) = cpu.Forward(x);
        var (og, hg) = gpu.Forward(x.To(UnderTest));
        Assert.Equal("TwoOutputNetBackward0", og.GradFn!.Name);
        Assert.Same(og.GradFn, hg.GradFn); // one node, two outputs
        Close(oc, og, "output");
        Close(hc, hg, "hidden");
        // A loss through both outputs (hidden's gradient adds to the one coming back from the output layer) ...
        var dOut = Torch.Randn([4, 2], generator: new Generator(9));
        var dHidden = Torch.Randn([4, 5], generator: new Generator(10));
        ((oc * dOut).Sum() + (hc * dHidden).Sum()).Backward();
        ((og * dOut.To(UnderTest)).Sum() + (hg * dHidden.To(UnderTest)).Sum()).Backward();
        AssertSameState(cpu, gpu, nameof(TwoOutputNet));
        // ... and through hidden alone: the output layer's parameters get the zero gradient a node of several outputs gives.
        cpu.ZeroGrad();
        gpu.ZeroGrad();
        (hc2(cpu, x) * dHidden).Sum().Backward();
        (hc2(gpu, x.To(UnderTest)) * dHidden.To(UnderTest)).Sum().Backward();
        AssertSameState(cpu, gpu, nameof(TwoOutputNet) + " (hidden only)");

        static Tensor hc2(TwoOutputNet model, Tensor input) => model.Forward(input).Hidden;
    }

    [Fact]
    public void An_input_on_another_device_than_the_parameters_is_an_error_naming_both()
    {
        var spec = Model(nameof(SmallLeNet));
        var (_, gpu) = Pair(spec);
        var error = Assert.Throws<ArgumentException>(() => gpu.Forward(Input(spec, 2)));
        Assert.Contains("cpu", error.Message, StringComparison.Ordinal);
        Assert.Contains(Parity.UnderTest.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("fused forward", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_moved_back_to_the_cpu_runs_its_plan_there_again()
    {
        var spec = Model(nameof(ResidualNet));
        var (cpu, gpu) = Pair(spec);
        var x = Input(spec, 2);
        Close(cpu.Forward(x), gpu.Forward(x.To(UnderTest)), "on the device");
        gpu.To("cpu");
        var y = gpu.Forward(x); // a new workspace on the CPU, not the device one
        Assert.Equal(Device.Cpu, y.Device);
        Assert.Equal("ResidualNetBackward0", y.GradFn!.Name);
        Close(cpu.Forward(x), y, "back on the cpu");
    }
}
