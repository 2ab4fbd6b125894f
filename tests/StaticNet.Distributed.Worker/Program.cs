// Scenarios the distributed tests run under `mpirun --allow-run-as-root --oversubscribe -np 2`; each prints what it
// checked and exits 0, or fails the job.
//   collectives                       AllReduce (every op and dtype), Broadcast, Barrier against hand-derived values;
//                                     DDP naming a parameter that got no gradient
//   train <steps> <outDir> <capMB>    seed 000's network (declared and eager) under DDP; saves each rank's state dict
//   throw <rank>                      that rank throws before an AllReduce the others wait in
//   hang <rank> <timeoutSeconds>      that rank never joins the AllReduce; the others' collective times out
//   bench <steps>                     step time and allreduce time per step (figures in the README)
//   unlaunched                        InitProcessGroup outside mpirun (run without mpirun): prints the error
using System.Diagnostics;
using StaticNet;
using StaticNet.Distributed;
using StaticNet.Distributed.Worker;
using FashionMnistSample;

string scenario = args.Length > 0 ? args[0] : "";
if (scenario == "unlaunched")
{
    try { Dist.InitProcessGroup(); }
    catch (DistributedException e) { Console.WriteLine(e.Message); return 3; }
    return 0;
}
Torch.SetNumThreads(1);
Dist.InitProcessGroup(scenario == "hang" ? TimeSpan.FromSeconds(double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)) : null);
int rank = Dist.Rank, size = Dist.WorldSize;
switch (scenario)
{
    case "collectives": Scenarios.Collectives(rank, size); break;
    case "train": Scenarios.Train(int.Parse(args[1]), args[2], double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)); break;
    case "throw":
        if (rank == int.Parse(args[1])) throw new InvalidOperationException($"rank {rank} failed on purpose before the AllReduce");
        Dist.AllReduce(Torch.Ones(4));
        break;
    case "hang":
        if (rank == int.Parse(args[1])) Thread.Sleep(TimeSpan.FromSeconds(60));
        else Dist.AllReduce(Torch.Ones(4));
        break;
    case "bench": Scenarios.Bench(int.Parse(args[1])); break;
    default: throw new ArgumentException($"unknown scenario '{scenario}'");
}
Console.WriteLine($"rank {rank}/{size}: {scenario} ok");
return 0;

internal static class Scenarios
{
    public static void Collectives(int rank, int size)
    {
        // Rank r contributes r + 1 + i at element i: sums, products, min and max follow by hand.
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32, DType.Int64 })
        {
            foreach (var (op, expected) in new (ReduceOp, Func<int, double>)[]
            {
                (ReduceOp.Sum, i => Enumerable.Range(0, size).Sum(r => r + 1 + i)),
                (ReduceOp.Product, i => Enumerable.Range(0, size).Aggregate(1.0, (a, r) => a * (r + 1 + i))),
                (ReduceOp.Min, i => 1 + i),
                (ReduceOp.Max, i => size + i),
            })
            {
                var t = (Torch.Arange(5) + (rank + 1)).To(dtype);
                Dist.AllReduce(t, op);
                var got = t.To(DType.Float64).ToArray<double>();
                for (int i = 0; i < 5; i++)
                    if (got[i] != expected(i)) throw new InvalidOperationException($"AllReduce {op} {dtype}: element {i} is {got[i]}, expected {expected(i)}");
            }
        }
        var avg = Torch.Full([3], rank * 2.0);
        Dist.AllReduce(avg, ReduceOp.Avg);
        if (avg.ToArray<float>().Any(v => v != size - 1)) throw new InvalidOperationException($"AllReduce Avg gave {avg}");
        for (int src = 0; src < size; src++)
        {
            var b = rank == src ? Torch.Tensor(new[] { 3.5, -1.0, src }, DType.Float64) : Torch.Zeros([3], DType.Float64);
            var flags = Torch.Tensor(new[] { rank == src, false, true });
            Dist.Broadcast(b, src);
            Dist.Broadcast(flags, src);
            if (!b.Equal(Torch.Tensor(new[] { 3.5, -1.0, src }, DType.Float64)) || !flags.Equal(Torch.Tensor(new[] { true, false, true })))
                throw new InvalidOperationException($"Broadcast from {src}: got {b} and {flags}");
        }
        Dist.Barrier();
        UnusedParameterIsReported();
        Console.WriteLine($"rank {rank}: {Dist.Backend}");
    }

    // A parameter that never gets a gradient leaves the reduction unfinished: the next forward names it (PyTorch's error).
    private static void UnusedParameterIsReported()
    {
        var ddp = new DistributedDataParallel(new PartlyUsed());
        ddp.Forward(Torch.Ones(2, 3)).Sum().Backward();
        try
        {
            ddp.Forward(Torch.Ones(2, 3));
            throw new InvalidOperationException("an unused parameter was not reported");
        }
        catch (InvalidOperationException e) when (e.Message.Contains("Expected to have finished reduction in the prior iteration"))
        {
            if (!e.Message.Contains("previous backward: unused.bias, unused.weight.")) throw new InvalidOperationException($"wrong parameters named: {e.Message}");
        }
    }

    private sealed class PartlyUsed : StaticNet.NN.Module
    {
        private readonly StaticNet.NN.Linear _used, _unused;

        public PartlyUsed()
        {
            _used = Register("used", new StaticNet.NN.Linear(3, 2));
            _unused = Register("unused", new StaticNet.NN.Linear(3, 2));
        }

        public override Tensor Forward(Tensor x) => _used.Forward(x);
    }

    public static void Train(int steps, string outDir, double bucketCapMB)
    {
        var (images, labels) = SeedTraining.Data(steps);
        var sampler = new DistributedSampler((int)images.Size(0), shuffle: true, seed: SeedTraining.SamplerSeed);
        var share = sampler.ToArray();
        foreach (var (name, local) in new[] { ("declared", SeedTraining.Declared(100 + (ulong)Dist.Rank)), ("eager", SeedTraining.Eager(200 + (ulong)Dist.Rank)) })
        {
            var ddp = new DistributedDataParallel(local, bucketCapMB);
            SeedTraining.Train(ddp, images, labels, share.Chunk(SeedTraining.GlobalBatch / Dist.WorldSize));
            Torch.Save(ddp.StateDict(), Path.Combine(outDir, $"{name}-rank{Dist.Rank}.safetensors"));
            Console.WriteLine($"rank {Dist.Rank}: {name} trained {steps} steps in {ddp.BucketCount} buckets");
        }
        var accumulating = new DistributedDataParallel(SeedTraining.Eager(300 + (ulong)Dist.Rank), bucketCapMB);
        SeedTraining.TrainAccumulating(accumulating, images, labels, share.Chunk(SeedTraining.GlobalBatch / Dist.WorldSize));
        Torch.Save(accumulating.StateDict(), Path.Combine(outDir, $"accumulated-rank{Dist.Rank}.safetensors"));
    }

    // Median step time of DDP training (declared model) and of a bare AllReduce of all its gradients, per step.
    public static void Bench(int steps)
    {
        var (images, labels) = SeedTraining.Data(steps);
        var model = SeedTraining.Declared(100);
        var ddp = new DistributedDataParallel(model);
        var sampler = new DistributedSampler((int)images.Size(0), shuffle: true, seed: SeedTraining.SamplerSeed);
        var batches = sampler.ToArray().Chunk(SeedTraining.GlobalBatch / Dist.WorldSize).ToList();
        var optimizer = new StaticNet.Optim.SGD(ddp.Parameters(), lr: 0.01);
        var lossFn = new StaticNet.NN.CrossEntropyLoss();
        var stepTimes = new List<double>();
        foreach (var batch in batches)
        {
            var index = Torch.Tensor(batch.Select(i => (long)i).ToArray());
            Dist.Barrier();
            var watch = Stopwatch.StartNew();
            var loss = lossFn.Forward(ddp.Forward(images.IndexSelect(0, index)), labels.IndexSelect(0, index));
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            stepTimes.Add(watch.Elapsed.TotalMilliseconds);
        }
        long elements = model.Parameters().Sum(p => p.Numel);
        var flat = Torch.Zeros(elements);
        var reduceTimes = new List<double>();
        for (int i = 0; i < steps; i++)
        {
            Dist.Barrier();
            var watch = Stopwatch.StartNew();
            Dist.AllReduce(flat);
            reduceTimes.Add(watch.Elapsed.TotalMilliseconds);
        }
        double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        double ms = Median(reduceTimes);
        // Ring allreduce moves 2 (N − 1) / N of the data per rank: the bus bandwidth NCCL's tests report.
        double busGBs = Dist.WorldSize > 1 ? 2.0 * (Dist.WorldSize - 1) / Dist.WorldSize * elements * 4 / (ms / 1000) / 1e9 : double.NaN;
        Console.WriteLine($"rank {Dist.Rank}/{Dist.WorldSize}: step {Median(stepTimes):F2} ms (median of {steps}, batch {SeedTraining.GlobalBatch / Dist.WorldSize} per rank); " +
                          $"allreduce of {elements} float32 ({elements * 4 / 1e6:F2} MB) {ms:F3} ms, bus bandwidth {busGBs:F2} GB/s");
    }
}
