using StaticNet.NN;
using StaticNet.Optim;
using static StaticNet.Gpu.Tests.Parity;

namespace StaticNet.Gpu.Tests;

/// <summary>
/// Every optimizer's update runs as a device kernel on ilgpu-cpu and gives the CPU's numbers: a 37-element parameter
/// (not a whole number of SIMD vectors) stepped 4 times with the same gradients, every option that changes the rule.
/// </summary>
public class OptimizerParityTests
{
    public static TheoryData<string, DType> Cases()
    {
        var data = new TheoryData<string, DType>();
        foreach (var name in Optimizers.Keys)
            foreach (var dtype in new[] { DType.Float32, DType.Float64 }) data.Add(name, dtype);
        return data;
    }

    private static readonly Dictionary<string, Func<Tensor[], Optimizer>> Optimizers = new()
    {
        ["sgd"] = ps => new SGD(ps, lr: 0.1),
        ["sgd momentum dampening weight decay"] = ps => new SGD(ps, lr: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 1e-2),
        ["sgd nesterov maximize"] = ps => new SGD(ps, lr: 0.05, momentum: 0.8, nesterov: true, maximize: true),
        ["adam"] = ps => new Adam(ps, lr: 1e-2),
        ["adam amsgrad weight decay"] = ps => new Adam(ps, lr: 1e-2, weightDecay: 0.1, amsgrad: true),
        ["adamw"] = ps => new AdamW(ps, lr: 1e-2, weightDecay: 0.1),
        ["adamw amsgrad maximize"] = ps => new AdamW(ps, lr: 1e-2, amsgrad: true, maximize: true, beta1: 0.3),
        ["nadam"] = ps => new NAdam(ps, lr: 1e-2, weightDecay: 1e-2),
        ["rmsprop"] = ps => new RMSprop(ps, lr: 1e-2),
        ["rmsprop centered momentum"] = ps => new RMSprop(ps, lr: 1e-2, momentum: 0.9, centered: true, weightDecay: 1e-2),
        ["adagrad"] = ps => new Adagrad(ps, lr: 0.1, lrDecay: 0.01, weightDecay: 1e-2),
    };

    private static double[] Run(string name, DType dtype, Device device)
    {
        var p = new Parameter(Random(dtype, 37).To(device));
        var opt = Optimizers[name]([p]);
        for (int step = 0; step < 4; step++)
        {
            p.Grad = Torch.Randn([37], dtype: dtype, generator: new Generator((ulong)step + 40)).To(device);
            opt.Step();
        }
        Assert.Equal(device, p.Device);
        return p.Cpu().ToArray<double>();
    }

    [Theory, MemberData(nameof(Cases))]
    public void Update_matches_the_cpu(string optimizer, DType dtype)
    {
        var cpu = Run(optimizer, dtype, Device.Cpu);
        var gpu = Run(optimizer, dtype, UnderTest);
        var start = Random(dtype, 37).ToArray<double>();
        double tol = dtype == DType.Float32 ? 1e-6 : 1e-12;
        for (int i = 0; i < cpu.Length; i++)
            Assert.True(Math.Abs(cpu[i] - gpu[i]) <= tol * Math.Max(1, Math.Abs(cpu[i])), $"element {i}: cpu {cpu[i]}, ilgpu-cpu {gpu[i]}");
        Assert.NotEqual(start, cpu);
    }
}
