using ILGPU;
using ILGPU.Runtime;

namespace StaticNet.Kernels.Ilgpu;

internal sealed unsafe partial class IlgpuBackend
{
    /// <summary>
    /// The rule's scalar twin as one grid-stride kernel over the parameter, its gradient and its state: no host copies.
    /// </summary>
    public void FusedUpdate<T, TRule, TElement>(in TRule rule, in TElement element, Tensor parameter, Tensor gradient,
        Tensor? a = null, Tensor? b = null, Tensor? c = null)
        where T : unmanaged where TRule : struct, IFusedUpdate<T> where TElement : struct, IElementUpdate<T>
    {
        long n = parameter.Numel;
        CheckUpdated(parameter, n, "parameter");
        if (a is not null) CheckUpdated(a, n, "state");
        if (b is not null) CheckUpdated(b, n, "state");
        if (c is not null) CheckUpdated(c, n, "state");
        if (gradient.Numel != n)
            throw new InvalidOperationException($"optimizer step: parameter has {n} elements but its gradient has {gradient.Numel}.");
        if (n == 0) return;
        var g = Contiguous(gradient);
        int used = (a is null ? 0 : 1) | (b is null ? 0 : 2) | (c is null ? 0 : 4);
        var p = Dense<T>(parameter);
        var kernel = Kernel("fused-update", typeof(T), typeof(TElement), acc =>
            acc.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, TElement, int, long>(IlgpuOptimizerKernels.Update<T, TElement>));
        kernel(Grid(n), p, Dense<T>(g), a is null ? p : Dense<T>(a), b is null ? p : Dense<T>(b), c is null ? p : Dense<T>(c), element, used, n);
    }

    /// <summary>Buffers the update writes must be contiguous and the parameter's size (a bug in the caller otherwise).</summary>
    private static void CheckUpdated(Tensor t, long n, string what)
    {
        if (!t.IsContiguous || t.Numel != n)
            throw new InvalidOperationException($"optimizer step: the {what} buffer (shape {t.Shape}) must be contiguous with {n} elements.");
    }
}
