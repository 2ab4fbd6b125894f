// StaticNet's side of the peer benchmark kit (/work/shared/peers, README "StaticNet peer"): workloads W1-W7 with the
// kit's methodology and line format, for each variant (generated: models declared with the DSL; eager: nn layers).
//   dotnet run -c Release --project bench/StaticNet.Bench -- --workloads W1,W2,W3,W4,W5 --threads 2 [--variants generated,eager]
//   dotnet run -c Release --project bench/StaticNet.Bench -- --workloads W6 --data /usr/share/datasets/fashion-mnist --epochs 3
//   dotnet run -c Release --project bench/StaticNet.Bench -- --workloads W7 --threads 2          (resnet18, ~1 min)
//   bench/StaticNet.Bench/bin/Release/net10.0/StaticNet.Bench --startup     (start-to-first-inference probe)
// Result lines on stdout ('#' lines are context), diagnostics on stderr.
using System.Globalization;
using StaticNet;
using StaticNet.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"StaticNet.Bench: {e.Message}");
    Console.Error.WriteLine(Options.Usage);
    return 2;
}
if (options.Help)
{
    Console.Error.WriteLine(Options.Usage);
    return 0;
}

Torch.SetNumThreads(options.Threads);
if (options.Startup)
{
    Startup.Run(options.Variants[0]);
    return 0;
}

Context.Print(options.Threads, options.Variants, options.JitWarmup);
int failures = 0;
void Measure(string workload, string variant, Action run)
{
    try
    {
        run();
    }
    catch (Exception e)
    {
        // One broken workload must not hide the others: report it, go on, and exit non-zero at the end.
        failures++;
        Console.Error.WriteLine($"StaticNet.Bench: {workload} variant={variant} failed: {e}");
        Report.Line($"# {workload} variant={variant} failed: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
    }
}

var wl = options.Workloads;
if (options.JitWarmup)
{
    // Opt-in, outside the kit's methodology: every selected workload once with few steps, untimed and unprinted, so
    // the first variant measured does not also pay for tier-0 JIT code (the kit's 20 warm-up steps are not always
    // enough for tiered compilation to reach the optimized code of the convolution path).
    Report.Silent = true;
    foreach (var v in options.Variants) RunAll(v, quick: true);
    Report.Silent = false;
}
if (wl.Contains("W1"))   // matmul does not depend on the model variant: measured once, labelled with the first variant
    Measure("W1", options.Variants[0], () => W1Gemm.Run(options.Variants[0], options.Threads));
// STATICNET_BENCH_REPEAT=N (profiling only, outside the kit's methodology): the W2-W6 pass N times in one process,
// so `perf record` sees mostly steady-state steps rather than start-up.
int repeat = int.TryParse(Environment.GetEnvironmentVariable("STATICNET_BENCH_REPEAT"), out int r) && r > 1 ? r : 1;
for (int pass = 0; pass < repeat; pass++)
    foreach (var v in options.Variants) RunAll(v, quick: false);

void RunAll(string v, bool quick)
{
    int t = options.Threads;
    // quick: the --jit-warmup pass (a few steps of each, no W1 and no W6)
    if (wl.Contains("W2")) Measure("W2", v, () => W2MlpStep.Run(v, t, steps: quick ? 30 : 200, warmup: quick ? 0 : 20));
    if (wl.Contains("W3"))
        Measure("W3", v, () =>
        {
            W3LeNetStep.Run(v, t, 4, steps: quick ? 60 : 200, warmup: quick ? 0 : 20);
            W3LeNetStep.Run(v, t, 64, steps: quick ? 30 : 200, warmup: quick ? 0 : 20);
        });
    if (wl.Contains("W4")) Measure("W4", v, () => W4TinyStep.Run(v, t, steps: quick ? 100 : 2000, warmup: quick ? 0 : 200));
    if (wl.Contains("W5"))
        Measure("W5", v, () =>
        {
            W5Inference.Run(v, t, 1, reps: quick ? 100 : 1000, warmup: quick ? 0 : 50);
            W5Inference.Run(v, t, 64, reps: quick ? 30 : 300, warmup: quick ? 0 : 50);
        });
    if (wl.Contains("W7") && !quick) Measure("W7", v, () => W7Resnet18.Run(v, t));
    if (wl.Contains("W6") && !quick) Measure("W6", v, () => W6FashionMnist.Run(v, t, options.Data, options.Epochs, options.W6DataLoader));
}
return failures == 0 ? 0 : 1;
