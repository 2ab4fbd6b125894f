using StaticNet.Optim;

namespace StaticNet.Tests.Optim;

public class OptimizerAllocationTests
{
    public static TheoryData<string, DType> Optimizers()
    {
        var data = new TheoryData<string, DType>();
        foreach (var name in new[] { "SGD", "Adam", "AdamW", "NAdam", "RMSprop", "Adagrad" })
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
                data.Add(name, dtype);
        return data;
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void StepsAfterWarmUpAllocateNothing(string name, DType dtype)
    {
        Tensor[] ps = [Torch.Randn([37, 11], dtype: dtype, requiresGrad: true), Torch.Randn([5], dtype: dtype, requiresGrad: true)];
        foreach (var p in ps) p.Grad = Torch.Randn([.. p.Shape], dtype: dtype);
        Optimizer opt = name switch
        {
            "SGD" => new SGD(ps, lr: 0.01, momentum: 0.9, nesterov: true, weightDecay: 1e-4),
            "Adam" => new Adam(ps, amsgrad: true, weightDecay: 1e-4),
            "AdamW" => new AdamW(ps),
            "NAdam" => new NAdam(ps, weightDecay: 1e-4),
            "RMSprop" => new RMSprop(ps, momentum: 0.9, centered: true),
            _ => new Adagrad(ps, lrDecay: 0.01),
        };
        opt.Step();
        opt.Step();
        // The fewest bytes of three rounds of 100 steps: a step that allocates shows in every round, while a one-off
        // allocation by the runtime on this thread (seen once in a full parallel test run) shows in one at most.
        long allocated = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++) opt.Step();
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(allocated < 64, $"{name} ({dtype}) allocated {allocated} bytes in 100 steps");
    }
}
