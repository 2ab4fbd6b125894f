using StaticNet.NN;
using StaticNet.Optim;
using static StaticNet.Gpu.Tests.Parity;

namespace StaticNet.Gpu.Tests;

/// <summary>
/// A LeNet-style network (Conv2d-ReLU-MaxPool twice, then Linear layers) trained for 3 steps on ilgpu-cpu ends with
/// the CPU run's parameters to 1e-4. The images are 12×12 and the channels few, because ILGPU's CPU accelerator
/// simulates every thread; the layers, loss and optimizer are LeNet's.
/// </summary>
public class LeNetTrainingTests
{
    private static Sequential LeNet()
    {
        Torch.ManualSeed(7);
        return new Sequential(
            new Conv2d(1, 4, 3, padding: 1), new ReLU(), new MaxPool2d(2),
            new Conv2d(4, 6, 3), new ReLU(), new MaxPool2d(2),
            new Flatten(), new Linear(6 * 2 * 2, 12), new ReLU(), new Linear(12, 10));
    }

    private static float[][] Train(Device device)
    {
        var model = LeNet().To(device);
        var opt = new SGD(model.Parameters(), lr: 0.05, momentum: 0.9);
        var loss = new CrossEntropyLoss();
        var data = new Generator(21);
        for (int s = 0; s < 3; s++)
        {
            var x = Torch.Rand([4, 1, 12, 12], generator: data).To(device);
            var y = Torch.RandInt(0, 10, [4], generator: data).To(device);
            var l = loss.Forward(model.Forward(x), y);
            opt.ZeroGrad();
            l.Backward();
            opt.Step();
        }
        return [.. model.Parameters().Select(p => { Assert.Equal(device, p.Device); return p.Cpu().ToArray<float>(); })];
    }

    [Fact]
    public void Three_sgd_steps_match_the_cpu_run()
    {
        var cpu = Train(Device.Cpu);
        var gpu = Train(UnderTest);
        Assert.Equal(cpu.Length, gpu.Length);
        bool moved = false;
        var initial = LeNet().Parameters().Select(p => p.ToArray<float>()).ToArray();
        for (int p = 0; p < cpu.Length; p++)
            for (int i = 0; i < cpu[p].Length; i++)
            {
                Assert.True(Math.Abs(cpu[p][i] - gpu[p][i]) <= 1e-4, $"parameter {p} element {i}: cpu {cpu[p][i]}, ilgpu-cpu {gpu[p][i]}");
                moved |= cpu[p][i] != initial[p][i];
            }
        Assert.True(moved, "training did not change the parameters");
    }
}
