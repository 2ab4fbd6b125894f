using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace StaticNet.Kernels.Ilgpu;

internal sealed unsafe partial class IlgpuBackend
{
    public void Reduce<T, TOp>(Tensor input, bool[] reduced, Tensor output) where T : unmanaged, INumber<T> where TOp : IReduceOperator
    {
        // The input's dimensions split into the kept ones (one output each) and the reduced ones (walked per output).
        var kept = new List<(long Size, long Stride)>();
        var red = new List<(long Size, long Stride)>();
        for (int d = 0; d < input.Dim; d++)
        {
            if (reduced[d]) red.Add((input.ShapeSpan[d], input.StridesSpan[d]));
            else kept.Add((input.ShapeSpan[d], input.StridesSpan[d]));
        }
        long outputs = 1, count = 1;
        foreach (var k in kept) outputs *= k.Size;
        foreach (var r in red) count *= r.Size;
        if (outputs == 0) return;
        if (count == 0)
        {
            // An empty reduction is the operator's identity (max/min throw here, as on the CPU).
            Copy(Torch.FromArray(new[] { TOp.Identity<T>() }).View([]).MoveData(Device), output);
            return;
        }
        var keptSizes = kept.Select(k => k.Size).ToArray();
        var lo = GpuLayout.For(output, output.ShapeSpan, "reduce"); // a new contiguous tensor of the kept dimensions
        var lk = GpuLayout.Of(input.StorageOffset, keptSizes, kept.Select(k => k.Stride).ToArray(), dense: false, "reduce");
        var lr = GpuLayout.Of(0, red.Select(r => r.Size).ToArray(), red.Select(r => r.Stride).ToArray(), dense: false, "reduce");
        var kernel = Kernel("reduce", typeof(T), typeof(TOp), a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, GpuLayout, GpuLayout, GpuLayout, long, long>(IlgpuKernels.Reduce<T, TOp>));
        long parts = ReductionParts(outputs, count);
        if (parts <= 1)
        {
            kernel(Grid(outputs), View<T>(output, "reduce"), View<T>(input, "reduce"), lo, lk, lr, outputs, count);
            return;
        }
        // Few outputs of many elements (a loss's mean, a full Sum): one thread per output would leave the device idle,
        // so each output is first split into `parts` interleaved partials, then the partials ([outputs, parts]) reduce.
        var partials = new Tensor([outputs * parts], input.DType, Device, zeroed: false);
        var partial = Kernel("reduce-partial", typeof(T), typeof(TOp), a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, GpuLayout, GpuLayout, long, long, long>(IlgpuKernels.ReducePartial<T, TOp>));
        partial(Grid(outputs * parts), View<T>(partials, "reduce"), View<T>(input, "reduce"), lk, lr, outputs, count, parts);
        var rows = GpuLayout.Of(0, [outputs], [parts], dense: false, "reduce");
        var columns = GpuLayout.Of(0, [parts], [1], dense: false, "reduce");
        kernel(Grid(outputs), View<T>(output, "reduce"), View<T>(partials, "reduce"), lo, rows, columns, outputs, parts);
    }

    // How many partials each output's reduction splits into: none while the outputs alone give the device enough threads
    // (ReductionThreads) or an output is short; otherwise enough for that many threads, each combining at least
    // MinPartialLength elements, so the second pass stays small.
    internal const long ReductionThreads = 4096, MinPartialLength = 64;

    internal static long ReductionParts(long outputs, long count)
    {
        if (outputs >= ReductionThreads || count < 2 * MinPartialLength) return 1;
        long byThreads = (ReductionThreads + outputs - 1) / outputs;
        return Math.Max(1, Math.Min(byThreads, count / MinPartialLength));
    }

    public void ArgReduce<T, TOp>(Tensor input, int dim, Tensor values, Tensor indices) where T : unmanaged, INumber<T> where TOp : IArgReduceOperator
    {
        // values and indices are new contiguous tensors of the input's shape without dim.
        var sizes = new List<long>();
        var inStrides = new List<long>();
        for (int d = 0; d < input.Dim; d++)
        {
            if (d == dim) continue;
            sizes.Add(input.ShapeSpan[d]);
            inStrides.Add(input.StridesSpan[d]);
        }
        long outputs = 1;
        foreach (var s in sizes) outputs *= s;
        long count = input.Dim == 0 ? 1 : input.ShapeSpan[dim], step = input.Dim == 0 ? 1 : input.StridesSpan[dim];
        if (outputs == 0 || count == 0) return;
        var lo = GpuLayout.For(values, values.ShapeSpan, "argmax");
        var lk = GpuLayout.Of(input.StorageOffset, sizes.ToArray(), inStrides.ToArray(), dense: false, "argmax");
        var kernel = Kernel("arg-reduce", typeof(T), typeof(TOp), a =>
            a.LoadStreamKernel<ArrayView<T>, ArrayView<long>, ArrayView<T>, GpuLayout, GpuLayout, long, long, long>(IlgpuKernels.ArgReduce<T, TOp>));
        kernel(Grid(outputs), View<T>(values, "argmax"), View<long>(indices, "argmax"), View<T>(input, "argmax"), lo, lk, step, count, outputs);
    }

    public Tensor Nonzero(Tensor flags) => Backends.Cpu.Nonzero(flags.MoveData(Device.Cpu)).MoveData(Device);
}
