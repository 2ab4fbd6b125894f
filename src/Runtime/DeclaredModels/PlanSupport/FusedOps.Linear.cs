using System.Numerics;
using System.Numerics.Tensors;
using StaticNet.Kernels;

namespace StaticNet.Fused;

public static partial class FusedOps
{
    /// <summary>
    /// <c>output = activation(input · Wᵀ + b)</c> for a [batch, in] input: one GEMM reading W transposed in place. The
    /// bias and a ReLU are the GEMM's epilogue (applied to each tile of the output while it is in L1); Sigmoid and Tanh
    /// follow over each output row.
    /// </summary>
    /// <param name="input">batch × in elements, row-major.</param>
    /// <param name="batch">The number of rows.</param>
    /// <param name="weight">The Linear's [out, in] weight, of dtype T.</param>
    /// <param name="bias">Its [out] bias, or null.</param>
    /// <param name="activation">The epilogue's activation.</param>
    /// <param name="output">batch × out elements.</param>
    public static unsafe void Linear<T>(PlanBuffer<T> input, int batch, Tensor weight, Tensor? bias, FusedActivation activation, PlanBuffer<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!output.IsHost)
        {
            DeviceLinear(input, batch, weight, bias, activation, output);
            return;
        }
        LinearHost((ReadOnlySpan<T>)input.Span, batch, weight, bias, activation, output.Span);
    }

    private static unsafe void LinearHost<T>(ReadOnlySpan<T> input, int batch, Tensor weight, Tensor? bias, FusedActivation activation, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outF = (int)weight.Size(0), inF = (int)weight.Size(1);
        var b = bias is null ? default : Dense<T>(bias);
        bool inGemm = activation is FusedActivation.None or FusedActivation.Relu;
        fixed (T* x = input)
        fixed (T* w = weight.DataFromOffset<T>())
        fixed (T* y = output)
        fixed (T* pb = b)
        {
            var a = new StridedMatrix<T>(x, inF, 1);
            var wt = new StridedMatrix<T>(w, weight.Stride(0), weight.Stride(1)).Transposed;
            Backends.Of(weight).HostGemm(batch, outF, inF, T.One, a, wt, T.Zero, new StridedMatrix<T>(y, outF, 1),
                inGemm && bias is not null ? pb : null, inGemm && activation == FusedActivation.Relu);
        }
        if (inGemm) return;
        for (int r = 0; r < batch; r++)
        {
            var row = output.Slice(r * outF, outF);
            if (bias is not null) TensorPrimitives.Add(row, b, row);
            Activation(activation, row);
        }
    }

    /// <summary>The weight's gradient <c>dYᵀ · X</c> as a new tensor of the weight's shape.</summary>
    /// <param name="gradOutput">dY: batch × out elements.</param>
    /// <param name="input">X: the Linear's input, batch × in elements.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="weight">The [out, in] weight.</param>
    public static Tensor WeightGrad<T>(PlanBuffer<T> gradOutput, PlanBuffer<T> input, int batch, Tensor weight)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dw = new Tensor(weight.ShapeArray, weight.DType, weight.Device, zeroed: false);
        WeightGradInto(gradOutput, input, batch, weight, dw, T.Zero);
        return dw;
    }

    /// <summary>
    /// Adds <c>dYᵀ · X</c> into <paramref name="weight"/>'s <c>Grad</c> with one GEMM (β = 1), creating <c>Grad</c> on the
    /// first backward: what AccumulateGrad would do with <see cref="WeightGrad{T}"/>'s result, without the temporary.
    /// </summary>
    /// <param name="gradOutput">dY: batch × out elements.</param>
    /// <param name="input">X: the Linear's input, batch × in elements.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="weight">The [out, in] weight; its Grad, when present, is a contiguous tensor of its shape and dtype.</param>
    public static void AccumulateWeightGrad<T>(PlanBuffer<T> gradOutput, PlanBuffer<T> input, int batch, Tensor weight)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (grad, beta) = GradOf<T>(weight);
        WeightGradInto(gradOutput, input, batch, weight, grad, beta);
        weight.RunPostAccumulateGradHooks(); // Grad is final: hooks (data-parallel reduction) may start on it
    }

    private static unsafe void WeightGradInto<T>(PlanBuffer<T> gradOutput, PlanBuffer<T> input, int batch, Tensor weight, Tensor grad, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outF = (int)weight.Size(0), inF = (int)weight.Size(1);
        if (!gradOutput.IsHost)
        {
            // dW = dYᵀ·X (+ dW): one device GEMM over [out, batch]·[batch, in].
            Backends.Of(grad).BatchedGemm(gradOutput.View(batch, outF).Transpose(0, 1), input.View(batch, inF), grad, 1, double.CreateTruncating(beta));
            return;
        }
        fixed (T* dy = gradOutput.Span)
        fixed (T* x = input.Span)
        fixed (T* d = grad.ContiguousSpan<T>())
            Backends.Of(weight).HostGemm(outF, inF, batch, T.One, new StridedMatrix<T>(dy, outF, 1).Transposed, new StridedMatrix<T>(x, inF, 1), beta,
                new StridedMatrix<T>(d, inF, 1));
    }

    /// <summary>Adds dY's column sums into <paramref name="bias"/>'s <c>Grad</c>, creating it on the first backward.</summary>
    /// <param name="gradOutput">dY: batch × out elements.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="bias">The [out] bias; its Grad, when present, is a contiguous tensor of its shape and dtype.</param>
    public static void AccumulateBiasGrad<T>(PlanBuffer<T> gradOutput, int batch, Tensor bias) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outF = (int)bias.Size(0);
        var (grad, beta) = GradOf<T>(bias);
        if (!gradOutput.IsHost) DeviceColumnSums(gradOutput, batch, outF, grad, accumulate: beta != T.Zero);
        else
        {
            var sum = grad.ContiguousSpan<T>();
            if (beta == T.Zero) sum.Clear();
            var dy = gradOutput.Span;
            for (int r = 0; r < batch; r++) TensorPrimitives.Add(sum, dy.Slice(r * outF, outF), sum);
        }
        bias.RunPostAccumulateGradHooks();
    }

    /// <summary>The bias's gradient: dY's column sums, as a new tensor of the bias's shape.</summary>
    /// <param name="gradOutput">dY: batch × out elements.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="bias">The [out] bias.</param>
    public static Tensor BiasGrad<T>(PlanBuffer<T> gradOutput, int batch, Tensor bias) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outF = (int)bias.Size(0);
        var db = new Tensor([outF], bias.DType, bias.Device, zeroed: true);
        if (!gradOutput.IsHost)
        {
            DeviceColumnSums(gradOutput, batch, outF, db, accumulate: false);
            return db;
        }
        var sum = db.ContiguousSpan<T>();
        var dy = gradOutput.Span;
        for (int r = 0; r < batch; r++) TensorPrimitives.Add(sum, dy.Slice(r * outF, outF), sum);
        return db;
    }

    /// <summary>The input's gradient <c>dY · W</c> into <paramref name="gradInput"/>.</summary>
    /// <param name="gradOutput">dY: batch × out elements.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="weight">The [out, in] weight.</param>
    /// <param name="gradInput">batch × in elements.</param>
    public static unsafe void InputGrad<T>(PlanBuffer<T> gradOutput, int batch, Tensor weight, PlanBuffer<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outF = (int)weight.Size(0), inF = (int)weight.Size(1);
        if (!gradInput.IsHost)
        {
            // dX = dY·W: one device GEMM over [batch, out]·[out, in].
            Backends.Of(weight).BatchedGemm(gradOutput.View(batch, outF), weight, gradInput.View(batch, inF), 1, 0);
            return;
        }
        fixed (T* dy = gradOutput.Span)
        fixed (T* w = weight.DataFromOffset<T>())
        fixed (T* dx = gradInput.Span)
            Backends.Of(weight).HostGemm(batch, inF, outF, T.One, new StridedMatrix<T>(dy, outF, 1), new StridedMatrix<T>(w, weight.Stride(0), weight.Stride(1)), T.Zero,
                new StridedMatrix<T>(dx, inF, 1));
    }
}
