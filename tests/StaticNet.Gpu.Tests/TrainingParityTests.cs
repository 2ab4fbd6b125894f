using StaticNet.NN;
using StaticNet.Optim;
using static StaticNet.Gpu.Tests.Parity;

namespace StaticNet.Gpu.Tests;

/// <summary>
/// Seed 000's network (Flatten, Linear-ReLU-Linear-ReLU-Linear, Dropout(0.2)) trained for a few steps on ilgpu-cpu
/// matches the same training on the CPU. The widths are cut (8×8 inputs, 16 hidden) because ILGPU's CPU accelerator
/// simulates every thread; the layers, loss, optimizers and step are seed 000's.
/// </summary>
public class TrainingParityTests
{
    private static Sequential Seed000Network(int seed)
    {
        Torch.ManualSeed((ulong)seed);
        return new Sequential(new Flatten(), new Linear(8 * 8, 16), new ReLU(), new Linear(16, 16), new ReLU(), new Linear(16, 10), new Dropout(0.2));
    }

    private static float[][] Train(Device device, Func<IEnumerable<Tensor>, Optimizer> optimizer, int steps)
    {
        var model = Seed000Network(1).To(device);
        var opt = optimizer(model.Parameters());
        var loss = new CrossEntropyLoss();
        var data = new Generator(11);
        for (int s = 0; s < steps; s++)
        {
            var x = Torch.Rand([5, 1, 8, 8], generator: data).To(device);
            var y = Torch.RandInt(0, 10, [5], generator: data).To(device);
            // Dropout draws from the default generator: seed it identically for both runs.
            Torch.ManualSeed((ulong)(100 + s));
            var l = loss.Forward(model.Forward(x), y);
            opt.ZeroGrad();
            l.Backward();
            opt.Step();
        }
        return [.. model.Parameters().Select(p => { Assert.Equal(device, p.Device); return p.Cpu().ToArray<float>(); })];
    }

    [Fact]
    public void Sgd_training_matches_the_cpu_run()
    {
        var cpu = Train(Device.Cpu, ps => new SGD(ps, lr: 0.1, momentum: 0.9), steps: 4);
        var gpu = Train(UnderTest, ps => new SGD(ps, lr: 0.1, momentum: 0.9), steps: 4);
        AssertParameters(cpu, gpu);
    }

    [Fact]
    public void AdamW_training_matches_the_cpu_run()
    {
        var cpu = Train(Device.Cpu, ps => new AdamW(ps, lr: 1e-2), steps: 3);
        var gpu = Train(UnderTest, ps => new AdamW(ps, lr: 1e-2), steps: 3);
        AssertParameters(cpu, gpu);
    }

    private static void AssertParameters(float[][] cpu, float[][] gpu)
    {
        Assert.Equal(cpu.Length, gpu.Length);
        for (int p = 0; p < cpu.Length; p++)
            for (int i = 0; i < cpu[p].Length; i++)
                Assert.True(Math.Abs(cpu[p][i] - gpu[p][i]) <= 1e-4, $"parameter {p}, element {i}: cpu {cpu[p][i]}, ilgpu-cpu {gpu[p][i]}");
    }

    [Fact]
    public void Moving_a_model_keeps_its_parameter_objects_for_the_optimizer()
    {
        var model = Seed000Network(2);
        var before = model.Parameters().ToList();
        var opt = new SGD(before, lr: 0.5);
        Sequential moved = model.To(UnderTest); // the model's own type comes back
        Assert.Same(model, moved);
        Assert.Equal(before, model.Parameters().ToList());
        Assert.All(before, p => Assert.Equal(UnderTest, p.Device));
        var w = before[0].Cpu();
        F.CrossEntropy(model.Forward(Torch.Rand([2, 1, 8, 8]).To(UnderTest)), Torch.Tensor(new long[] { 1, 2 }).To(UnderTest)).Backward();
        opt.Step();
        Assert.NotEqual(w.ToArray<float>(), before[0].Cpu().ToArray<float>());
        model.To("cpu");
        Assert.All(before, p => Assert.Equal(Device.Cpu, p.Device));
    }
}
