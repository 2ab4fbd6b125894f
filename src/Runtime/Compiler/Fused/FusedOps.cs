using System.ComponentModel;
using System.Numerics.Tensors;
using StaticNet.Autograd;
using StaticNet.Kernels.Cpu.Gemm;

namespace StaticNet.Fused;

/// <summary>
/// The kernels a generated fused plan calls (Float32): a Linear as one GEMM with its bias and activation as an
/// epilogue over the output rows, the dropout mask, and the pieces of the hand-derived backward. Activations live in
/// the caller's workspace spans; only the returned tensors are allocated.
/// </summary>
/// <remarks>Public because generated code lives in the user's assembly; not meant to be called by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FusedOps
{
    /// <summary>True when <paramref name="x"/> is a Float32 batch <c>[B, *sample]</c> with B &gt; 0: the fused plan applies.</summary>
    /// <param name="x">The model input.</param>
    /// <param name="sample">One sample's shape (the model's declared <c>Input</c>).</param>
    public static bool Accepts(Tensor x, ReadOnlySpan<long> sample)
    {
        if (x.DType != DType.Float32 || x.Dim != sample.Length + 1 || x.Size(0) == 0 || x.Size(0) > int.MaxValue) return false;
        for (int i = 0; i < sample.Length; i++) if (x.Size(i + 1) != sample[i]) return false;
        return true;
    }

    /// <summary>True when every tensor is Float32 (a model moved to another dtype runs eagerly).</summary>
    /// <param name="tensors">The parameters.</param>
    public static bool AllFloat32(params ReadOnlySpan<Tensor?> tensors)
    {
        foreach (var t in tensors) if (t is not null && t.DType != DType.Float32) return false;
        return true;
    }

    /// <summary>True when grad mode is on and any tensor requires grad: the plan records its node.</summary>
    /// <param name="tensors">The input and the parameters.</param>
    public static bool ShouldRecord(params ReadOnlySpan<Tensor?> tensors)
    {
        if (!GradMode.IsEnabled) return false;
        foreach (var t in tensors) if (t is not null && t.RequiresGrad) return true;
        return false;
    }

    /// <summary>Copies x's elements in row-major order (its flattening) into <paramref name="destination"/>.</summary>
    /// <param name="x">A Float32 tensor.</param>
    /// <param name="destination">Exactly x.Numel elements.</param>
    public static void CopyInput(Tensor x, Span<float> destination)
    {
        var c = x.IsContiguous ? x : x.Contiguous();
        c.ContiguousSpan<float>().CopyTo(destination);
    }

    /// <summary>
    /// <c>output = activation(input · Wᵀ + b)</c> for a [batch, in] input: one GEMM reading W transposed in place, then
    /// the bias add and activation over each output row while it is in cache.
    /// </summary>
    /// <param name="input">batch × in elements, row-major.</param>
    /// <param name="batch">The number of rows.</param>
    /// <param name="weight">The Linear's [out, in] Float32 weight.</param>
    /// <param name="bias">Its [out] bias, or null.</param>
    /// <param name="activation">The epilogue's activation.</param>
    /// <param name="output">batch × out elements.</param>
    public static unsafe void Linear(ReadOnlySpan<float> input, int batch, Tensor weight, Tensor? bias, FusedActivation activation, Span<float> output)
    {
        int outF = (int)weight.Size(0), inF = (int)weight.Size(1);
        fixed (float* x = input)
        fixed (float* w = weight.DataFromOffset<float>())
        fixed (float* y = output)
        {
            var a = new StridedMatrix<float>(x, inF, 1);
            var wt = new StridedMatrix<float>(w, weight.Stride(0), weight.Stride(1)).Transposed;
            Gemm.Run(batch, outF, inF, 1f, a, wt, 0f, new StridedMatrix<float>(y, outF, 1));
        }
        var b = bias is null ? default : Dense(bias);
        for (int r = 0; r < batch; r++)
        {
            var row = output.Slice(r * outF, outF);
            if (bias is not null) TensorPrimitives.Add(row, b, row);
            switch (activation)
            {
                case FusedActivation.Relu: TensorPrimitives.Max(row, 0f, row); break;
                case FusedActivation.Sigmoid: TensorPrimitives.Sigmoid(row, row); break;
                case FusedActivation.Tanh: TensorPrimitives.Tanh(row, row); break;
            }
        }
    }

    /// <summary>Draws an inverted-dropout mask exactly as <see cref="F.Dropout"/> does: 1/(1 − p) where kept, 0 elsewhere.</summary>
    /// <param name="mask">The mask to fill, one element per activation.</param>
    /// <param name="p">The drop probability, in [0, 1].</param>
    /// <param name="generator">The generator; the default one when null.</param>
    public static void DropoutMask(Span<float> mask, double p, Generator? generator = null)
    {
        F.CheckDropoutProbability(p);
        if (p == 1) { mask.Clear(); return; }
        double q = 1 - p;
        (generator ?? Generator.Default).FillBernoulli(mask, q, 1f / (float)q);
    }

    /// <summary><c>destination = a ⊙ b</c>, element-wise.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="destination">Where the product goes (may be a).</param>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination) => TensorPrimitives.Multiply(a, b, destination);

    /// <summary>A new [batch, features] Float32 tensor holding <paramref name="data"/>.</summary>
    /// <param name="data">batch × features elements.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="features">Columns.</param>
    public static Tensor Output(ReadOnlySpan<float> data, long batch, long features)
    {
        var t = new Tensor([batch, features], DType.Float32, zeroed: false);
        data.CopyTo(t.ContiguousSpan<float>());
        return t;
    }

    /// <summary>Makes <paramref name="result"/> the output of <paramref name="node"/>, with one edge per input (x, then each parameter).</summary>
    /// <param name="result">The model's output.</param>
    /// <param name="node">The generated backward node.</param>
    /// <param name="inputs">The input and the parameters, in the order the node returns their gradients.</param>
    public static Tensor Record(Tensor result, FusedNode node, params Tensor?[] inputs) => Graph.Record(result, node, inputs);

    /// <summary>The elements of a Float32 gradient in row-major order (a copy only when it is not contiguous).</summary>
    /// <param name="gradient">The gradient of the model's output.</param>
    public static ReadOnlySpan<float> Data(Tensor gradient)
    {
        var g = gradient.DType == DType.Float32 ? gradient : gradient.To(DType.Float32);
        return (g.IsContiguous ? g : g.Contiguous()).ContiguousSpan<float>();
    }

    /// <summary>Multiplies <paramref name="gradient"/> in place by the activation's derivative, read from its output.</summary>
    /// <param name="activation">The activation.</param>
    /// <param name="output">The activation's saved output.</param>
    /// <param name="gradient">The gradient of that output; becomes the gradient of its input.</param>
    public static void ActivationBackward(FusedActivation activation, ReadOnlySpan<float> output, Span<float> gradient)
    {
        switch (activation)
        {
            case FusedActivation.Relu:
                for (int i = 0; i < gradient.Length; i++) if (output[i] <= 0) gradient[i] = 0;
                break;
            case FusedActivation.Sigmoid:
                for (int i = 0; i < gradient.Length; i++) gradient[i] *= (1 - output[i]) * output[i];
                break;
            case FusedActivation.Tanh:
                for (int i = 0; i < gradient.Length; i++) gradient[i] *= 1 - output[i] * output[i];
                break;
        }
    }

    /// <summary>The weight's gradient <c>dYᵀ · X</c> as a new tensor of the weight's shape.</summary>
    /// <param name="gradOutput">dY: batch × out elements.</param>
    /// <param name="input">X: the Linear's input, batch × in elements.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="weight">The [out, in] weight.</param>
    public static unsafe Tensor WeightGrad(ReadOnlySpan<float> gradOutput, ReadOnlySpan<float> input, int batch, Tensor weight)
    {
        int outF = (int)weight.Size(0), inF = (int)weight.Size(1);
        var dw = new Tensor([outF, inF], DType.Float32, zeroed: false);
        fixed (float* dy = gradOutput)
        fixed (float* x = input)
        fixed (float* d = dw.ContiguousSpan<float>())
            Gemm.Run(outF, inF, batch, 1f, new StridedMatrix<float>(dy, outF, 1).Transposed, new StridedMatrix<float>(x, inF, 1), 0f,
                new StridedMatrix<float>(d, inF, 1));
        return dw;
    }

    /// <summary>
    /// Adds <c>dYᵀ · X</c> into <paramref name="weight"/>'s <c>Grad</c> with one GEMM (β = 1), creating <c>Grad</c> on the
    /// first backward: what AccumulateGrad would do with <see cref="WeightGrad"/>'s result, without the temporary.
    /// </summary>
    /// <param name="gradOutput">dY: batch × out elements.</param>
    /// <param name="input">X: the Linear's input, batch × in elements.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="weight">The [out, in] weight; its Grad, when present, is a contiguous Float32 tensor of its shape.</param>
    public static unsafe void AccumulateWeightGrad(ReadOnlySpan<float> gradOutput, ReadOnlySpan<float> input, int batch, Tensor weight)
    {
        int outF = (int)weight.Size(0), inF = (int)weight.Size(1);
        var (grad, beta) = GradOf(weight);
        fixed (float* dy = gradOutput)
        fixed (float* x = input)
        fixed (float* d = grad.ContiguousSpan<float>())
            Gemm.Run(outF, inF, batch, 1f, new StridedMatrix<float>(dy, outF, 1).Transposed, new StridedMatrix<float>(x, inF, 1), beta,
                new StridedMatrix<float>(d, inF, 1));
    }

    /// <summary>Adds dY's column sums into <paramref name="bias"/>'s <c>Grad</c>, creating it on the first backward.</summary>
    /// <param name="gradOutput">dY: batch × out elements.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="bias">The [out] bias; its Grad, when present, is a contiguous Float32 tensor of its shape.</param>
    public static void AccumulateBiasGrad(ReadOnlySpan<float> gradOutput, int batch, Tensor bias)
    {
        int outF = (int)bias.Size(0);
        var (grad, beta) = GradOf(bias);
        var sum = grad.ContiguousSpan<float>();
        if (beta == 0) sum.Clear();
        for (int r = 0; r < batch; r++) TensorPrimitives.Add(sum, gradOutput.Slice(r * outF, outF), sum);
    }

    // The parameter's Grad to add into (β = 1), or a new uninitialised one set as its Grad (β = 0: overwritten).
    private static (Tensor Grad, float Beta) GradOf(Tensor parameter)
    {
        if (parameter.Grad is { } g)
        {
            g.CheckWritable("AccumulateGrad");
            g.Storage.BumpVersion();
            return (g, 1f);
        }
        var created = new Tensor(parameter.ShapeArray, DType.Float32, zeroed: false);
        parameter.Grad = created;
        return (created, 0f);
    }

    /// <summary>The bias's gradient: dY's column sums, as a new tensor of the bias's shape.</summary>
    /// <param name="gradOutput">dY: batch × out elements.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="bias">The [out] bias.</param>
    public static Tensor BiasGrad(ReadOnlySpan<float> gradOutput, int batch, Tensor bias)
    {
        int outF = (int)bias.Size(0);
        var db = new Tensor([outF], DType.Float32, zeroed: true);
        var sum = db.ContiguousSpan<float>();
        for (int r = 0; r < batch; r++) TensorPrimitives.Add(sum, gradOutput.Slice(r * outF, outF), sum);
        return db;
    }

    /// <summary>The input's gradient <c>dY · W</c> into <paramref name="gradInput"/>.</summary>
    /// <param name="gradOutput">dY: batch × out elements.</param>
    /// <param name="batch">Rows.</param>
    /// <param name="weight">The [out, in] weight.</param>
    /// <param name="gradInput">batch × in elements.</param>
    public static unsafe void InputGrad(ReadOnlySpan<float> gradOutput, int batch, Tensor weight, Span<float> gradInput)
    {
        int outF = (int)weight.Size(0), inF = (int)weight.Size(1);
        fixed (float* dy = gradOutput)
        fixed (float* w = weight.DataFromOffset<float>())
        fixed (float* dx = gradInput)
            Gemm.Run(batch, inF, outF, 1f, new StridedMatrix<float>(dy, outF, 1), new StridedMatrix<float>(w, weight.Stride(0), weight.Stride(1)), 0f,
                new StridedMatrix<float>(dx, inF, 1));
    }

    /// <summary>A new Float32 tensor of <paramref name="like"/>'s shape holding <paramref name="data"/> (the input's gradient).</summary>
    /// <param name="data">like.Numel elements.</param>
    /// <param name="like">The model input.</param>
    public static Tensor Like(ReadOnlySpan<float> data, Tensor like)
    {
        var t = new Tensor(like.ShapeArray, DType.Float32, zeroed: false);
        data.CopyTo(t.ContiguousSpan<float>());
        return t;
    }

    private static ReadOnlySpan<float> Dense(Tensor vector) =>
        vector.Stride(0) == 1 || vector.Numel <= 1 ? vector.DataFromOffset<float>()[..(int)vector.Numel] : vector.Contiguous().ContiguousSpan<float>();
}
