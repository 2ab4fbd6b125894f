using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet.Fused;

/// <summary>
/// The kernels a generated fused plan calls, generic over the element type (Float32 or Float64): Linear and Conv2d as
/// GEMMs with their bias and activation as an epilogue, pooling, the dropout mask, and the pieces of the hand-derived
/// backward. Activations live in the caller's workspace (<see cref="PlanBuffer{T}"/>s on the parameters' device); only
/// the returned tensors are allocated. On the CPU each step reads the buffers' spans and calls the CPU kernels; on a GPU
/// device (<c>cuda</c>, <c>ilgpu-cpu</c>) the same step runs that device's kernels over tensor views of the buffers
/// (FusedOps.Device.cs), so one generated plan serves every device.
/// </summary>
/// <remarks>Public because generated code lives in the user's assembly; not meant to be called by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class FusedOps
{
    /// <summary>True when grad mode is on and any tensor requires grad: the plan records its node.</summary>
    /// <param name="tensors">The input and the parameters.</param>
    public static bool ShouldRecord(params ReadOnlySpan<Tensor?> tensors)
    {
        if (!GradMode.IsEnabled) return false;
        foreach (var t in tensors) if (t is not null && t.RequiresGrad) return true;
        return false;
    }

    /// <summary>Copies x's elements in row-major order (its flattening) into <paramref name="destination"/>.</summary>
    /// <param name="x">A tensor of dtype T.</param>
    /// <param name="destination">Exactly x.Numel elements.</param>
    public static void CopyInput<T>(Tensor x, PlanBuffer<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!destination.IsHost)
        {
            DeviceCopyInput(x, destination);
            return;
        }
        var c = x.IsContiguous ? x : x.Contiguous();
        c.ContiguousSpan<T>().CopyTo(destination.Span);
    }

    /// <summary>Copies the gradient of the model's output (converted to T) into <paramref name="destination"/>.</summary>
    /// <param name="gradient">The gradient of the model's output, of its shape.</param>
    /// <param name="destination">Exactly gradient.Numel elements.</param>
    public static void CopyGradient<T>(Tensor gradient, PlanBuffer<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!destination.IsHost)
        {
            DeviceCopyInput(gradient, destination);
            return;
        }
        Data<T>(gradient).CopyTo(destination.Span);
    }

    /// <summary><c>destination = source</c> (a value passed on unchanged, or a gradient handed to the op's input).</summary>
    /// <param name="source">The elements to copy.</param>
    /// <param name="destination">As many elements.</param>
    public static void Copy<T>(PlanBuffer<T> source, PlanBuffer<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!destination.IsHost)
        {
            DeviceCopy(source, destination);
            return;
        }
        source.Span.CopyTo(destination.Span);
    }

    /// <summary>Sets every element of <paramref name="destination"/> to <paramref name="value"/> (a dropout mask that keeps all).</summary>
    /// <param name="destination">The buffer.</param>
    /// <param name="value">The value.</param>
    public static void Fill<T>(PlanBuffer<T> destination, T value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!destination.IsHost)
        {
            DeviceFill(destination, value);
            return;
        }
        destination.Span.Fill(value);
    }

    /// <summary>Applies <paramref name="activation"/> to <paramref name="values"/> in place.</summary>
    /// <param name="activation">The activation.</param>
    /// <param name="values">The pre-activations; become the activations.</param>
    public static void Activation<T>(FusedActivation activation, PlanBuffer<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!values.IsHost) DeviceActivation(activation, values);
        else Activation(activation, values.Span);
    }

    private static void Activation<T>(FusedActivation activation, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (activation)
        {
            case FusedActivation.Relu: TensorPrimitives.Max(values, T.Zero, values); break;
            case FusedActivation.Sigmoid: TensorPrimitives.Sigmoid<T>(values, values); break;
            case FusedActivation.Tanh: TensorPrimitives.Tanh<T>(values, values); break;
        }
    }

    /// <summary>Multiplies <paramref name="gradient"/> in place by the activation's derivative, read from its output.</summary>
    /// <param name="activation">The activation.</param>
    /// <param name="output">The activation's saved output.</param>
    /// <param name="gradient">The gradient of that output; becomes the gradient of its input.</param>
    public static void ActivationBackward<T>(FusedActivation activation, PlanBuffer<T> output, PlanBuffer<T> gradient) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!gradient.IsHost) DeviceActivationBackward(activation, output, gradient);
        else ActivationBackward(activation, (ReadOnlySpan<T>)output.Span, gradient.Span);
    }

    private static void ActivationBackward<T>(FusedActivation activation, ReadOnlySpan<T> output, Span<T> gradient) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (output.Length < gradient.Length) throw new ArgumentException($"ActivationBackward: the output has {output.Length} elements, the gradient {gradient.Length}");
        // Vector loops with the scalar formulas' exact operation order (same results), then the scalar tail.
        int i = 0, w = Vector512<T>.Count;
        ref T y = ref MemoryMarshal.GetReference(output);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        var zero = Vector512<T>.Zero;
        var one = Vector512<T>.One;
        switch (activation)
        {
            case FusedActivation.Relu:
                // A NaN output keeps its gradient, as the scalar test (output ≤ 0) does.
                if (Vector512.IsHardwareAccelerated)
                    for (; i + w <= gradient.Length; i += w)
                    {
                        var yi = Vector512.LoadUnsafe(ref y, (nuint)i);
                        Vector512.ConditionalSelect(Vector512.LessThanOrEqual(yi, zero), zero, Vector512.LoadUnsafe(ref g, (nuint)i)).StoreUnsafe(ref g, (nuint)i);
                    }
                for (; i < gradient.Length; i++) if (output[i] <= T.Zero) gradient[i] = T.Zero;
                break;
            case FusedActivation.Sigmoid:
                if (Vector512.IsHardwareAccelerated)
                    for (; i + w <= gradient.Length; i += w)
                    {
                        var yi = Vector512.LoadUnsafe(ref y, (nuint)i);
                        (Vector512.LoadUnsafe(ref g, (nuint)i) * ((one - yi) * yi)).StoreUnsafe(ref g, (nuint)i);
                    }
                for (; i < gradient.Length; i++) gradient[i] *= (T.One - output[i]) * output[i];
                break;
            case FusedActivation.Tanh:
                if (Vector512.IsHardwareAccelerated)
                    for (; i + w <= gradient.Length; i += w)
                    {
                        var yi = Vector512.LoadUnsafe(ref y, (nuint)i);
                        (Vector512.LoadUnsafe(ref g, (nuint)i) * (one - yi * yi)).StoreUnsafe(ref g, (nuint)i);
                    }
                for (; i < gradient.Length; i++) gradient[i] *= T.One - output[i] * output[i];
                break;
        }
    }

    /// <summary>Draws an inverted-dropout mask exactly as <see cref="F.Dropout"/> does: 1/(1 − p) where kept, 0 elsewhere.</summary>
    /// <param name="mask">The mask to fill, one element per activation.</param>
    /// <param name="p">The drop probability, in [0, 1].</param>
    /// <param name="generator">The generator; the default one when null.</param>
    public static void DropoutMask<T>(PlanBuffer<T> mask, double p, Generator? generator = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        F.CheckDropoutProbability(p);
        if (!mask.IsHost)
        {
            DeviceDropoutMask(mask, p, generator);
            return;
        }
        if (p == 1) { mask.Span.Clear(); return; }
        double q = 1 - p;
        (generator ?? Generator.Default).FillBernoulli(mask.Span, q, T.One / T.CreateTruncating(q));
    }

    /// <summary><c>destination = a ⊙ b</c>, element-wise.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="destination">Where the product goes (may be a).</param>
    public static void Multiply<T>(PlanBuffer<T> a, PlanBuffer<T> b, PlanBuffer<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!destination.IsHost) DeviceBinary<T, MultiplyOperator>(a, b, destination);
        else TensorPrimitives.Multiply(a.Span, b.Span, destination.Span);
    }

    /// <summary>
    /// Softmax (or LogSoftmax) of each row of <paramref name="rowLength"/> elements, shifted by the row's maximum as
    /// <c>F.Softmax</c> computes it: <c>e^(x − max) / Σ e^(x − max)</c>, or <c>x − max − log Σ e^(x − max)</c>.
    /// </summary>
    /// <param name="input">Rows of the last dimension, row-major.</param>
    /// <param name="rowLength">The size of the last dimension.</param>
    /// <param name="log">LogSoftmax rather than Softmax.</param>
    /// <param name="output">As many elements as the input.</param>
    public static void Softmax<T>(PlanBuffer<T> input, int rowLength, bool log, PlanBuffer<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!output.IsHost) DeviceSoftmax(input, rowLength, log, output);
        else Softmax((ReadOnlySpan<T>)input.Span, rowLength, log, output.Span);
    }

    private static void Softmax<T>(ReadOnlySpan<T> input, int rowLength, bool log, Span<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int start = 0; start < input.Length; start += rowLength)
        {
            var x = input.Slice(start, rowLength);
            var y = output.Slice(start, rowLength);
            T max = TensorPrimitives.Max(x);
            TensorPrimitives.Subtract(x, max, y);
            if (log)
            {
                T sum = T.Zero;
                foreach (var v in y) sum += T.Exp(v);
                TensorPrimitives.Subtract(y, T.Log(sum), y);
            }
            else
            {
                TensorPrimitives.Exp<T>(y, y);
                TensorPrimitives.Divide(y, TensorPrimitives.Sum<T>(y), y);
            }
        }
    }

    /// <summary>
    /// The backward of <see cref="Softmax{T}"/> per row, from its saved output Y: <c>dX = Y ⊙ (dY − Σ dY ⊙ Y)</c>, or for
    /// LogSoftmax <c>dX = dY − e^Y · Σ dY</c>.
    /// </summary>
    /// <param name="output">Y, the forward's output.</param>
    /// <param name="gradOutput">dY.</param>
    /// <param name="rowLength">The size of the last dimension.</param>
    /// <param name="log">LogSoftmax rather than Softmax.</param>
    /// <param name="gradInput">dX, overwritten.</param>
    public static void SoftmaxBackward<T>(PlanBuffer<T> output, PlanBuffer<T> gradOutput, int rowLength, bool log, PlanBuffer<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!gradInput.IsHost) DeviceSoftmaxBackward(output, gradOutput, rowLength, log, gradInput);
        else SoftmaxBackward((ReadOnlySpan<T>)output.Span, gradOutput.Span, rowLength, log, gradInput.Span);
    }

    private static void SoftmaxBackward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> gradOutput, int rowLength, bool log, Span<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int start = 0; start < output.Length; start += rowLength)
        {
            var y = output.Slice(start, rowLength);
            var dy = gradOutput.Slice(start, rowLength);
            var dx = gradInput.Slice(start, rowLength);
            if (log)
            {
                T sum = TensorPrimitives.Sum(dy);
                for (int j = 0; j < rowLength; j++) dx[j] = dy[j] - T.Exp(y[j]) * sum;
            }
            else
            {
                T dot = TensorPrimitives.Dot(dy, y);
                for (int j = 0; j < rowLength; j++) dx[j] = y[j] * (dy[j] - dot);
            }
        }
    }

    /// <summary><c>destination = a + b</c>, element-wise (a residual sum, or a gradient added to another reader's part).</summary>
    /// <param name="a">The first term.</param>
    /// <param name="b">The second term.</param>
    /// <param name="destination">Where the sum goes (may be a).</param>
    public static void Add<T>(PlanBuffer<T> a, PlanBuffer<T> b, PlanBuffer<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!destination.IsHost) DeviceBinary<T, AddOperator>(a, b, destination);
        else TensorPrimitives.Add(a.Span, b.Span, destination.Span);
    }

    /// <summary><c>destination += a ⊙ b</c>, element-wise: a product's gradient added to what another reader contributed.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="destination">The sum to add into.</param>
    public static void MultiplyAdd<T>(PlanBuffer<T> a, PlanBuffer<T> b, PlanBuffer<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!destination.IsHost) DeviceMultiplyAdd(a, b, destination);
        else TensorPrimitives.FusedMultiplyAdd(a.Span, b.Span, destination.Span, destination.Span);
    }

    /// <summary>A new [batch, *sample] tensor of dtype T holding <paramref name="data"/>.</summary>
    /// <param name="data">batch × Π sample elements, row-major.</param>
    /// <param name="batch">The batch size.</param>
    /// <param name="sample">One sample's shape.</param>
    public static Tensor Output<T>(PlanBuffer<T> data, long batch, ReadOnlySpan<long> sample) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shape = new long[sample.Length + 1];
        shape[0] = batch;
        sample.CopyTo(shape.AsSpan(1));
        return NewTensor(data, shape);
    }

    /// <summary>Makes <paramref name="result"/> the output of <paramref name="node"/>, with one edge per input (x, then each parameter).</summary>
    /// <param name="result">The model's output.</param>
    /// <param name="node">The generated backward node.</param>
    /// <param name="inputs">The input and the parameters, in the order the node returns their gradients.</param>
    public static Tensor Record(Tensor result, FusedNode node, params Tensor?[] inputs) => Graph.Record(result, node, inputs);

    /// <summary>
    /// Makes each of <paramref name="results"/> an output of <paramref name="node"/> (a forward returning a tuple), with one
    /// edge per input (x, then each parameter): one backward call then receives the gradient of every output.
    /// </summary>
    /// <param name="node">The generated backward node, constructed with <c>results.Length</c> outputs.</param>
    /// <param name="inputs">The input and the parameters, in the order the node returns their gradients.</param>
    /// <param name="results">The outputs, in the tuple's order.</param>
    public static void RecordOutputs(FusedNode node, Tensor?[] inputs, params ReadOnlySpan<Tensor> results) => Graph.RecordOutputs(results, node, inputs);

    /// <summary>The elements of a gradient as T in row-major order (a copy only when it is not contiguous or of another dtype).</summary>
    /// <param name="gradient">The gradient of the model's output.</param>
    public static ReadOnlySpan<T> Data<T>(Tensor gradient) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dtype = DTypeExtensions.Of<T>();
        var g = gradient.DType == dtype ? gradient : gradient.To(dtype);
        return (g.IsContiguous ? g : g.Contiguous()).ContiguousSpan<T>();
    }

    /// <summary>A new tensor of <paramref name="like"/>'s shape and dtype T holding <paramref name="data"/> (the input's gradient).</summary>
    /// <param name="data">like.Numel elements.</param>
    /// <param name="like">The model input.</param>
    public static Tensor Like<T>(PlanBuffer<T> data, Tensor like) where T : unmanaged, IFloatingPointIeee754<T> => NewTensor(data, like.ShapeArray);

    // A new contiguous tensor of the buffer's device and dtype T holding its elements.
    private static Tensor NewTensor<T>(PlanBuffer<T> data, long[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = new Tensor(shape, DTypeExtensions.Of<T>(), data.Device, zeroed: false);
        if (data.IsHost) data.Span.CopyTo(t.ContiguousSpan<T>());
        else Backends.Of(t).Copy(data.View(shape), t);
        return t;
    }

    /// <summary>
    /// The tensor a parameter's gradient is added into: its <c>Grad</c> (version bumped, as an in-place write), or a new
    /// zeroed one set as its <c>Grad</c> on the first backward (the buffer <c>ZeroGrad</c> dropped, when reusable).
    /// </summary>
    /// <param name="parameter">A leaf whose Grad, when present, is contiguous, of its shape and dtype.</param>
    public static Tensor GradTarget(Tensor parameter)
    {
        if (parameter.GradInternal is { } g)
        {
            g.CheckWritable("AccumulateGrad");
            g.Storage.BumpVersion();
            return g;
        }
        return parameter.NewGrad(zeroed: true);
    }

    /// <summary>A new zeroed tensor of the parameter's shape and dtype (a gradient returned on the node's edge).</summary>
    /// <param name="parameter">The parameter.</param>
    public static Tensor ZerosLike(Tensor parameter) => new(parameter.ShapeArray, parameter.DType, parameter.Device, zeroed: true);

    // The parameter's Grad to add into (β = 1), or a new uninitialised one set as its Grad (β = 0: overwritten).
    private static (Tensor Grad, T Beta) GradOf<T>(Tensor parameter) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (parameter.GradInternal is { } g)
        {
            g.CheckWritable("AccumulateGrad");
            g.Storage.BumpVersion();
            return (g, T.One);
        }
        return (parameter.NewGrad(zeroed: false), T.Zero);
    }

    // A parameter's elements in row-major order (a copy only for a non-contiguous one).
    private static ReadOnlySpan<T> Dense<T>(Tensor t) where T : unmanaged =>
        (t.IsContiguous ? t : t.Contiguous()).ContiguousSpan<T>();
}
