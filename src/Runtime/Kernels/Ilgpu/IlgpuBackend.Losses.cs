using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace StaticNet.Kernels.Ilgpu;

internal sealed unsafe partial class IlgpuBackend
{
    public Tensor Softmax(Tensor x, int dim, bool log)
    {
        var input = x.IsContiguous ? x : CloneOnDevice(x);
        var result = new Tensor(x.ShapeArray, x.DType, Device, zeroed: false);
        if (x.DType == DType.Float32) Softmax<float>(input, null, result, dim, log);
        else Softmax<double>(input, null, result, dim, log);
        return result;
    }

    public Tensor SoftmaxBackward(Tensor g, Tensor y, int dim, bool log)
    {
        var grad = g.Cast(y.DType);
        grad = grad.IsContiguous ? grad : CloneOnDevice(grad);
        var saved = y.IsContiguous ? y : CloneOnDevice(y);
        var result = new Tensor(y.ShapeArray, y.DType, Device, zeroed: false);
        if (y.DType == DType.Float32) Softmax<float>(grad, saved, result, dim, log);
        else Softmax<double>(grad, saved, result, dim, log);
        return result;
    }

    /// <summary>Forward (y is null) or backward over contiguous operands: rows of the softmax dim, one thread each.</summary>
    private void Softmax<T>(Tensor a, Tensor? y, Tensor d, int dim, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (d.Numel == 0) return;
        long outer = 1, inner = 1, size = d.Dim == 0 ? 1 : d.Size(dim);
        for (int i = 0; i < dim; i++) outer *= d.Size(i);
        for (int i = dim + 1; i < d.Dim; i++) inner *= d.Size(i);
        // Row r = (o, i) starts at o·size·inner + i; its elements are inner apart. d is a fresh contiguous tensor.
        var rows = GpuLayout.Of(0, [outer, inner], [size * inner, 1], dense: inner == 1 && size == 1, "softmax");
        long count = outer * inner;
        if (y is null)
        {
            var kernel = Kernel("softmax", typeof(T), null, acc =>
                acc.LoadStreamKernel<ArrayView<T>, ArrayView<T>, GpuLayout, long, long, long, int>(IlgpuKernels.Softmax<T>));
            kernel(Grid(count), Dense<T>(d), Dense<T>(a), rows, inner, size, count, log ? 1 : 0);
        }
        else
        {
            var kernel = Kernel("softmax-backward", typeof(T), null, acc =>
                acc.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<T>, GpuLayout, long, long, long, int>(IlgpuKernels.SoftmaxBackward<T>));
            kernel(Grid(count), Dense<T>(d), Dense<T>(a), Dense<T>(y), rows, inner, size, count, log ? 1 : 0);
        }
    }

    /// <summary>A contiguous tensor's elements as a view starting at its first element.</summary>
    private ArrayView<T> Dense<T>(Tensor t) where T : unmanaged => View<T>(t, "kernel").SubView(t.StorageOffset, Math.Max(t.Numel, 1));

    public (Tensor Losses, double TotalWeight) NllLoss(Tensor input, Tensor target, Tensor? weight, long classes, long inner, long ignoreIndex)
    {
        // Targets are checked on the host first, for the CPU's error message (PyTorch's CUDA kernel asserts instead).
        foreach (var t in target.ToArray<long>())
            if (t != ignoreIndex && (t < 0 || t >= classes)) throw new ArgumentOutOfRangeException(null, $"Target {t} is out of bounds.");
        var losses = new Tensor(target.ShapeArray, input.DType, Device, zeroed: false);
        var counted = new Tensor(target.ShapeArray, input.DType, Device, zeroed: false);
        if (input.DType == DType.Float32) NllLoss<float>(input, target, weight, losses, counted, classes, inner, ignoreIndex);
        else NllLoss<double>(input, target, weight, losses, counted, classes, inner, ignoreIndex);
        return (losses, counted.Numel == 0 ? 0 : counted.Sum().Item<double>());
    }

    private void NllLoss<T>(Tensor x, Tensor target, Tensor? weight, Tensor losses, Tensor counted, long classes, long inner, long ignore)
        where T : unmanaged, INumber<T>
    {
        long count = target.Numel;
        if (count == 0) return;
        var kernel = Kernel("nll", typeof(T), null, acc =>
            acc.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<long>, ArrayView<T>, long, long, long, long, int>(IlgpuKernels.NllLoss<T>));
        kernel(Grid(count), Dense<T>(losses), Dense<T>(counted), Dense<T>(x), Dense<long>(target), weight is null ? Dense<T>(x) : Dense<T>(weight),
            classes, inner, ignore, count, weight is null ? 0 : 1);
    }

    public Tensor NllLossBackward(long[] inputShape, DType dtype, Tensor target, Tensor? weight, Tensor scale, long classes, long inner, long ignoreIndex)
    {
        var grad = new Tensor(inputShape, dtype, Device, zeroed: true);
        bool perElement = scale.Numel == target.Numel && scale.Dim > 0;
        if (dtype == DType.Float32) NllLossBackward<float>(grad, target, weight, scale, classes, inner, ignoreIndex, perElement);
        else NllLossBackward<double>(grad, target, weight, scale, classes, inner, ignoreIndex, perElement);
        return grad;
    }

    private void NllLossBackward<T>(Tensor grad, Tensor target, Tensor? weight, Tensor scale, long classes, long inner, long ignore, bool perElement)
        where T : unmanaged, INumber<T>
    {
        long count = target.Numel;
        if (count == 0) return;
        var kernel = Kernel("nll-backward", typeof(T), null, acc =>
            acc.LoadStreamKernel<ArrayView<T>, ArrayView<long>, ArrayView<T>, ArrayView<T>, long, long, long, long, int, int>(IlgpuKernels.NllLossBackward<T>));
        kernel(Grid(count), Dense<T>(grad), Dense<long>(target), weight is null ? Dense<T>(scale) : Dense<T>(weight), Dense<T>(scale),
            classes, inner, ignore, count, weight is null ? 0 : 1, perElement ? 1 : 0);
    }
}
