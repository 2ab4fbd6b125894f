using System.Globalization;

namespace StaticNet.Bench;

/// <summary>The command line the kit passes (README "Lines StaticNet.Bench must print"), plus --variants and --startup.</summary>
internal sealed record Options(HashSet<string> Workloads, int Threads, string[] Variants, string Data, int Epochs, bool W6DataLoader, bool Startup, bool JitWarmup, bool Help)
{
    private static readonly string[] KnownWorkloads = ["W1", "W2", "W3", "W4", "W5", "W6", "W7"];

    public const string Usage =
        "usage: StaticNet.Bench [--workloads W1,W2,W3,W4,W5,W6,W7] [--threads N] [--variants generated,eager]\n" +
        "                       [--data DIR] [--epochs N] [--w6-dataloader] [--startup] [--jit-warmup] [--help]\n" +
        "  defaults: --workloads W1,W2,W3,W4,W5 --threads 2 --variants generated,eager (or $STATICNET_BENCH_VARIANTS)\n" +
        "            --data /usr/share/datasets/fashion-mnist --epochs 3 (W6 only)\n" +
        "  W7 (resnet18, train b=32 3x32x32 and infer b=1 3x224x224) runs only when listed, as in the kit's bench.py\n" +
        "  --w6-dataloader: W6 reads batches through FashionMnist + ToTensor + DataLoader, as the sample does, instead\n" +
        "                   of slicing preloaded tensors as the kit's PyTorch and TorchSharp W6 do\n" +
        "  --startup: build the W2 MLP (first variant), run one batch-1 forward, print '# t_first_inference_done_ns=<ns>'\n" +
        "  --jit-warmup: before measuring, run W2-W5 briefly for every variant, untimed (not the kit's\n" +
        "                methodology; also STATICNET_BENCH_JIT_WARMUP=1)";

    public static Options Parse(string[] args)
    {
        // The environment gives defaults, so the kit's scripts (which pass only --workloads/--threads/...) can select them.
        string workloads = "W1,W2,W3,W4,W5";
        string variants = Environment.GetEnvironmentVariable("STATICNET_BENCH_VARIANTS") is { Length: > 0 } env ? env : string.Join(",", Bench.Variants.All);
        string data = "/usr/share/datasets/fashion-mnist";
        int threads = 2, epochs = 3;
        bool w6DataLoader = false, startup = false, jitWarmup = Environment.GetEnvironmentVariable("STATICNET_BENCH_JIT_WARMUP") == "1", help = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--workloads": workloads = Value(args, ref i); break;
                case "--threads": threads = PositiveInt(args, ref i); break;
                case "--variants": variants = Value(args, ref i); break;
                case "--data": data = Value(args, ref i); break;
                case "--epochs": epochs = PositiveInt(args, ref i); break;
                case "--w6-dataloader": w6DataLoader = true; break;
                case "--startup": startup = true; break;
                case "--jit-warmup": jitWarmup = true; break;
                case "--help" or "-h": help = true; break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        var set = workloads.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                           .Select(w => w.ToUpperInvariant()).ToHashSet();
        foreach (var w in set)
            if (!KnownWorkloads.Contains(w))
                throw new ArgumentException($"--workloads: unknown workload '{w}'; expected a comma-separated subset of {string.Join(",", KnownWorkloads)}");
        return new Options(set, threads, Bench.Variants.Parse(variants), data, epochs, w6DataLoader, startup, jitWarmup, help);
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} expects a value");
        return args[++i];
    }

    private static int PositiveInt(string[] args, ref int i)
    {
        string name = args[i], text = Value(args, ref i);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 1)
            throw new ArgumentException($"{name} expects a positive integer, got '{text}'");
        return n;
    }
}
