using System.Numerics;
using System.Numerics.Tensors;
using StaticNet.Kernels;
using StaticNet.NN;

namespace StaticNet.Fused;

public static partial class FusedOps
{
    /// <summary>
    /// Folds an evaluating BatchNorm into the Linear or Conv2d before it: with s = γ/√(running_var + eps) per output
    /// channel o, <c>W'[o] = W[o]·s_o</c> and <c>b'_o = (b_o − running_mean_o)·s_o + β_o</c>, so the layer alone computes
    /// what the layer then the BatchNorm would. Recomputed per call (the parameters may have changed); the buffers are
    /// allocated on the first call.
    /// </summary>
    /// <param name="weight">The layer's weight, [out, ...], of dtype T.</param>
    /// <param name="bias">The layer's bias, [out], or null.</param>
    /// <param name="norm">The BatchNorm over the layer's out channels, tracking running statistics.</param>
    /// <param name="foldedWeight">Receives W' (weight.Numel elements); allocated on the weight's device when empty.</param>
    /// <param name="foldedBias">Receives b' (out elements); allocated when empty.</param>
    /// <exception cref="ArgumentException">The BatchNorm has no running statistics or not one per output channel.</exception>
    public static void FoldBatchNorm<T>(Tensor weight, Tensor? bias, BatchNorm norm, ref PlanBuffer<T> foldedWeight, ref PlanBuffer<T> foldedBias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outputs = (int)weight.Size(0), per = (int)(weight.Numel / Math.Max(outputs, 1));
        if (norm.RunningMean is not { } runningMean || norm.RunningVar is not { } runningVar || runningMean.Numel != outputs)
            throw new ArgumentException($"FoldBatchNorm: {norm.TypeName}({norm.NumFeatures}) needs running statistics over the {outputs} output channels " +
                                        $"of the layer it follows (weight {weight.Shape}).", nameof(norm));
        if (foldedWeight.IsEmpty || foldedWeight.Device != weight.Device) foldedWeight = PlanBuffer<T>.Allocate(weight.Device, checked((int)weight.Numel));
        if (foldedBias.IsEmpty || foldedBias.Device != weight.Device) foldedBias = PlanBuffer<T>.Allocate(weight.Device, outputs);
        if (!foldedWeight.IsHost)
        {
            DeviceFoldBatchNorm(weight, bias, norm, foldedWeight, foldedBias);
            return;
        }
        FoldBatchNormHost(weight, bias, norm, outputs, per, runningMean, runningVar, foldedWeight.Span, foldedBias.Span);
    }

    private static void FoldBatchNormHost<T>(Tensor weight, Tensor? bias, BatchNorm norm, int outputs, int per, Tensor runningMean, Tensor runningVar,
        Span<T> foldedWeight, Span<T> foldedBias) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = Dense<T>(weight);
        var b = bias is null ? default : Dense<T>(bias);
        var mean = Dense<T>(runningMean);
        var variance = Dense<T>(runningVar);
        var gamma = norm.Weight is { } g ? Dense<T>(g) : default;
        var beta = norm.Bias is { } bb ? Dense<T>(bb) : default;
        T eps = T.CreateTruncating(norm.Eps);
        for (int o = 0; o < outputs; o++)
        {
            T s = (gamma.IsEmpty ? T.One : gamma[o]) * (T.One / T.Sqrt(variance[o] + eps));
            TensorPrimitives.Multiply(w.Slice(o * per, per), s, foldedWeight.Slice(o * per, per));
            foldedBias[o] = ((b.IsEmpty ? T.Zero : b[o]) - mean[o]) * s + (beta.IsEmpty ? T.Zero : beta[o]);
        }
    }

    /// <summary><see cref="Conv2d{T}"/> with another weight and bias (a folded BatchNorm's, from <see cref="FoldBatchNorm{T}"/>).</summary>
    /// <param name="input">batch × C × H × W elements, row-major.</param>
    /// <param name="batch">The number of images.</param>
    /// <param name="height">H.</param>
    /// <param name="width">W.</param>
    /// <param name="layer">The Conv2d whose geometry applies.</param>
    /// <param name="weight">The weight to use, laid out as the layer's.</param>
    /// <param name="bias">The bias to use, one per output channel.</param>
    /// <param name="activation">The epilogue's activation.</param>
    /// <param name="output">batch × O × OH × OW elements.</param>
    public static unsafe void Conv2dFolded<T>(PlanBuffer<T> input, int batch, int height, int width, Conv2d layer, PlanBuffer<T> weight,
        PlanBuffer<T> bias, FusedActivation activation, PlanBuffer<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = Geometry(layer, batch, height, width);
        if (!output.IsHost)
        {
            DeviceConv2d(g, input, weight.View(layer.Weight.ShapeArray), bias.View(bias.Length), activation, output);
            return;
        }
        fixed (T* x = input.Span)
        fixed (T* w = weight.Span)
        fixed (T* b = bias.Span)
        fixed (T* y = output.Span)
            Backends.Of(layer.Weight).HostConv2d(g, x, w, b, y, relu: activation == FusedActivation.Relu);
        if (activation != FusedActivation.Relu) Activation(activation, output.Span);
    }

    /// <summary><see cref="Linear{T}"/> with another [out, in] weight and bias (a folded BatchNorm's).</summary>
    /// <param name="input">batch × in elements, row-major.</param>
    /// <param name="batch">The number of rows.</param>
    /// <param name="layerWeight">The Linear's own weight: its device and sizes.</param>
    /// <param name="weight">The weight to use, out × in row-major.</param>
    /// <param name="bias">The bias to use, out elements.</param>
    /// <param name="activation">The epilogue's activation.</param>
    /// <param name="output">batch × out elements.</param>
    public static unsafe void LinearFolded<T>(PlanBuffer<T> input, int batch, Tensor layerWeight, PlanBuffer<T> weight, PlanBuffer<T> bias,
        FusedActivation activation, PlanBuffer<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outF = (int)layerWeight.Size(0), inF = (int)layerWeight.Size(1);
        if (!output.IsHost)
        {
            DeviceLinear(input, batch, weight.View(outF, inF), bias.View(outF), activation, output);
            return;
        }
        bool relu = activation == FusedActivation.Relu;
        fixed (T* x = input.Span)
        fixed (T* w = weight.Span)
        fixed (T* y = output.Span)
        fixed (T* b = bias.Span)
        {
            var wt = new StridedMatrix<T>(w, inF, 1).Transposed;
            Backends.Of(layerWeight).HostGemm(batch, outF, inF, T.One, new StridedMatrix<T>(x, inF, 1), wt, T.Zero, new StridedMatrix<T>(y, outF, 1), b, relu);
        }
        if (!relu) Activation(activation, output.Span);
    }
}
