using System.Numerics;
using StaticNet.Kernels;
using StaticNet.NN;

namespace StaticNet.Fused;

/// <summary>
/// The plan's steps on a GPU device (<c>cuda</c>, <c>ilgpu-cpu</c>): each public <see cref="FusedOps"/> step whose
/// buffers are device memory comes here instead of to the host kernels, and runs the device backend's kernels over
/// tensor views of the workspace buffers (Linear as the device GEMM, Conv2d as its im2col + GEMM, the backend's pooling,
/// softmax, element-wise and reduction kernels; BatchNorm composed of reductions and element-wise kernels, as the eager
/// <see cref="F.BatchNorm"/> composes it). The formulas are the host steps' ones; only where the numbers live differs.
/// </summary>
/// <remarks>
/// No grad mode is involved: the views are plain tensors with no history, and the gradients are added into the
/// parameters' <c>Grad</c> tensors (on the same device) by the backend's kernels. A few steps allocate temporaries on the
/// device (the backend's conv and pooling kernels return new tensors); the CPU path allocates nothing per step.
/// </remarks>
public static partial class FusedOps
{
    // x (the input, or the output's gradient) into the buffer, converted to T; the input must already be on the plan's
    // device (PlanType checked it), a gradient that is not moves there first, as copy_ moves it.
    private static void DeviceCopyInput<T>(Tensor x, PlanBuffer<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Numel != destination.Length)
            throw new ArgumentException($"FusedOps: a tensor of shape {x.Shape} does not fill the plan's buffer of {destination.Length} elements.", nameof(x));
        Backends.Copy(x, destination.View(x.ShapeArray));
    }

    private static void DeviceCopy<T>(PlanBuffer<T> source, PlanBuffer<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var to = destination.View(destination.Length);
        Backends.Of(to).Copy(source.Slice(0, destination.Length).View(destination.Length), to);
    }

    private static void DeviceFill<T>(PlanBuffer<T> destination, T value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var to = destination.View(destination.Length);
        Backends.Copy(Torch.ScalarTensor(double.CreateTruncating(value), DTypeExtensions.Of<T>()), to);
    }

    private static void DeviceActivation<T>(FusedActivation activation, PlanBuffer<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var v = values.View(values.Length);
        var backend = Backends.Of(v);
        switch (activation)
        {
            case FusedActivation.Relu: backend.Unary<T, ReluOperator>(v, v); break;
            case FusedActivation.Sigmoid: backend.FloatUnary<T, SigmoidOperator>(v, v); break;
            case FusedActivation.Tanh: backend.FloatUnary<T, TanhOperator>(v, v); break;
        }
    }

    // dX = dY ⊙ act'(Y) in place, the derivative read from the saved output Y, as the host loop computes it.
    private static void DeviceActivationBackward<T>(FusedActivation activation, PlanBuffer<T> output, PlanBuffer<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (activation == FusedActivation.None) return;
        if (output.Length < gradient.Length) throw new ArgumentException($"ActivationBackward: the output has {output.Length} elements, the gradient {gradient.Length}");
        int n = gradient.Length;
        var y = output.Slice(0, n).View(n);
        var g = gradient.View(n);
        var backend = Backends.Of(g);
        var dtype = DTypeExtensions.Of<T>();
        var derivative = new Tensor([n], dtype, g.Device, zeroed: false);
        switch (activation)
        {
            case FusedActivation.Relu:
                // Zero where Y ≤ 0; a NaN output keeps its gradient, as the host test does.
                var zero = new Tensor([1], dtype, g.Device, zeroed: true).Expand(n);
                var dead = new Tensor([n], DType.Bool, g.Device, zeroed: false);
                backend.Compare<T, LessThanOrEqualOperator>(y, zero, dead);
                backend.Where(dead, zero, g, g);
                return;
            case FusedActivation.Sigmoid:
                // (1 − Y)·Y
                var one = Torch.Ones([1], dtype, g.Device).Expand(n);
                backend.Binary<T, SubtractOperator>(one, y, derivative);
                backend.Binary<T, MultiplyOperator>(derivative, y, derivative);
                break;
            case FusedActivation.Tanh:
                // 1 − Y·Y
                backend.Binary<T, MultiplyOperator>(y, y, derivative);
                backend.Binary<T, SubtractOperator>(Torch.Ones([1], dtype, g.Device).Expand(n), derivative, derivative);
                break;
        }
        backend.Binary<T, MultiplyOperator>(g, derivative, g);
    }

    private static void DeviceDropoutMask<T>(PlanBuffer<T> mask, double p, Generator? generator) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = mask.View(mask.Length);
        if (p == 1) DeviceFill(mask, T.Zero);
        else Backends.Of(m).FillBernoulli(m, generator ?? Generator.Default, 1 - p);
    }

    private static void DeviceBinary<T, TOp>(PlanBuffer<T> a, PlanBuffer<T> b, PlanBuffer<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IBinaryOperator
    {
        int n = destination.Length;
        var d = destination.View(n);
        Backends.Of(d).Binary<T, TOp>(a.Slice(0, n).View(n), b.Slice(0, n).View(n), d);
    }

    private static void DeviceMultiplyAdd<T>(PlanBuffer<T> a, PlanBuffer<T> b, PlanBuffer<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = destination.Length;
        var d = destination.View(n);
        var backend = Backends.Of(d);
        var product = new Tensor([n], d.DType, d.Device, zeroed: false);
        backend.Binary<T, MultiplyOperator>(a.Slice(0, n).View(n), b.Slice(0, n).View(n), product);
        backend.Binary<T, AddOperator>(d, product, d);
    }

    private static void DeviceSoftmax<T>(PlanBuffer<T> input, int rowLength, bool log, PlanBuffer<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = output.Length / rowLength;
        var y = output.View(rows, rowLength);
        var backend = Backends.Of(y);
        backend.Copy(backend.Softmax(input.View(rows, rowLength), 1, log), y);
    }

    private static void DeviceSoftmaxBackward<T>(PlanBuffer<T> output, PlanBuffer<T> gradOutput, int rowLength, bool log, PlanBuffer<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = gradInput.Length / rowLength;
        var dx = gradInput.View(rows, rowLength);
        var backend = Backends.Of(dx);
        backend.Copy(backend.SoftmaxBackward(gradOutput.View(rows, rowLength), output.View(rows, rowLength), 1, log), dx);
    }

    // Y = act(X·Wᵀ + b): the device GEMM (with the bias in its pass where the backend can), then the activation in place.
    private static void DeviceLinear<T>(PlanBuffer<T> input, int batch, Tensor weight, Tensor? bias, FusedActivation activation, PlanBuffer<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outF = (int)weight.Size(0), inF = (int)weight.Size(1);
        var x = input.View(batch, inF);
        var y = output.View(batch, outF);
        var backend = Backends.Of(y);
        var wt = weight.Transpose(0, 1);
        if (bias is null || !backend.TryBatchedGemmWithBias(x, wt, y, 1, bias))
        {
            backend.BatchedGemm(x, wt, y, 1, 0);
            if (bias is not null) backend.Binary<T, AddOperator>(y, bias.Expand(batch, outF), y);
        }
        DeviceActivation(activation, output);
    }

    // target = (or +=) Σ over the batch rows of dY [batch, features].
    private static void DeviceColumnSums<T>(PlanBuffer<T> gradOutput, int batch, int features, Tensor target, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var backend = Backends.Of(target);
        var sums = new Tensor([features], target.DType, target.Device, zeroed: false);
        backend.Reduce<T, SumOperator>(gradOutput.View(batch, features), [true, false], sums);
        if (accumulate) backend.Binary<T, AddOperator>(target, sums, target);
        else backend.Copy(sums, target);
    }

    private static void DeviceConv2d<T>(Conv2dGeometry g, PlanBuffer<T> input, Tensor weight, Tensor? bias, FusedActivation activation, PlanBuffer<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long[] outputShape = [g.N, g.O, g.OH, g.OW];
        var y = output.View(outputShape);
        var backend = Backends.Of(y);
        backend.Copy(backend.Conv2d(input.View(g.N, g.C, g.H, g.W), weight, bias, g, outputShape), y);
        DeviceActivation(activation, output);
    }

    private static void DeviceConv2dBackward<T>(Conv2dGeometry g, PlanBuffer<T> gradOutput, PlanBuffer<T> input, Tensor weight, Tensor? weightGrad,
        PlanBuffer<T> gradInput) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool needInput = !gradInput.IsEmpty, needWeight = weightGrad is not null;
        if (!needInput && !needWeight) return;
        var backend = Backends.Of(weight);
        var x = input.View(g.N, g.C, g.H, g.W);
        var (dx, dw, _) = backend.Conv2dBackward(gradOutput.View(g.N, g.O, g.OH, g.OW), x, weight, g, needInput, needWeight, needBias: false);
        if (dx is not null) backend.Copy(dx, gradInput.View(g.N, g.C, g.H, g.W));
        if (dw is not null) backend.Binary<T, AddOperator>(weightGrad!, dw, weightGrad!); // the host kernel adds into it too
    }

    private static void DeviceConv2dBiasGrad<T>(Conv2dGeometry g, PlanBuffer<T> gradOutput, Tensor target) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var backend = Backends.Of(target);
        var sums = new Tensor([g.O], target.DType, target.Device, zeroed: false);
        backend.Reduce<T, SumOperator>(gradOutput.View(g.N, g.O, (long)g.OH * g.OW), [true, false, true], sums);
        backend.Binary<T, AddOperator>(target, sums, target);
    }

    private static void DeviceMaxPool2d<T>(PlanBuffer<T> input, Pool2dGeometry g, PlanBuffer<long> indices, PlanBuffer<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long[] outputShape = [g.Planes, g.OH, g.OW];
        var y = output.View(outputShape);
        var backend = Backends.Of(y);
        var (values, argmax) = backend.MaxPool2d(input.View(g.Planes, g.H, g.W), g, outputShape);
        backend.Copy(values, y);
        backend.Copy(argmax, indices.View(outputShape));
    }

    private static void DeviceMaxPool2dBackward<T>(PlanBuffer<T> gradOutput, PlanBuffer<long> indices, Pool2dGeometry g, PlanBuffer<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long[] inputShape = [g.Planes, g.H, g.W];
        var dx = gradInput.View(inputShape);
        var backend = Backends.Of(dx);
        backend.Copy(backend.MaxPool2dBackward(gradOutput.View(g.Planes, g.OH, g.OW), indices.View(g.Planes, g.OH, g.OW), inputShape, g), dx);
    }

    private static void DeviceAvgPool2d<T>(PlanBuffer<T> input, Pool2dGeometry g, bool countIncludePad, PlanBuffer<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long[] outputShape = [g.Planes, g.OH, g.OW];
        var y = output.View(outputShape);
        var backend = Backends.Of(y);
        backend.Copy(backend.AvgPool2d(input.View(g.Planes, g.H, g.W), g, countIncludePad, 0, outputShape), y);
    }

    private static void DeviceAvgPool2dBackward<T>(PlanBuffer<T> gradOutput, Pool2dGeometry g, bool countIncludePad, PlanBuffer<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long[] inputShape = [g.Planes, g.H, g.W];
        var dx = gradInput.View(inputShape);
        var backend = Backends.Of(dx);
        backend.Copy(backend.AvgPool2dBackward(gradOutput.View(g.Planes, g.OH, g.OW), inputShape, g, countIncludePad, 0), dx);
    }

    // BatchNorm as F.BatchNorm composes it on a device, over the [batch, C, spatial] view, saving the mean and invStd used.
    private static void DeviceBatchNorm<T>(PlanBuffer<T> input, int batch, int channels, int spatial, BatchNorm layer, bool training, bool batchStatistics,
        FusedActivation activation, PlanBuffer<T> mean, PlanBuffer<T> invStd, PlanBuffer<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = input.View(batch, channels, spatial);
        var mu = mean.View(1, channels, 1);
        var s = invStd.View(1, channels, 1);
        int[] dims = [0, 2];
        using (Torch.NoGrad())
        {
            Tensor variance;
            if (batchStatistics)
            {
                mu.Copy_(x.Mean(dims, keepDim: true));
                variance = x.Var(dims, keepDim: true, correction: 0);
                if (training && layer.RunningMean is { } runningMean && layer.RunningVar is { } runningVar)
                {
                    // What UpdateRunningStatistics does on the host: count the batch, then r ← (1 − f)·r + f·s.
                    var batches = layer.NumBatchesTracked!;
                    batches.Add_(Torch.ScalarTensor(1L, DType.Int64));
                    double factor = layer.Momentum ?? 1.0 / batches.Item<long>();
                    long perChannel = (long)batch * spatial;
                    double unbias = perChannel / (double)Math.Max(perChannel - 1, 1);
                    runningMean.Mul_(1 - factor).Add_(mu.Reshape(channels) * factor);
                    runningVar.Mul_(1 - factor).Add_(variance.Reshape(channels) * (unbias * factor));
                }
            }
            else
            {
                mu.Copy_(layer.RunningMean!.Reshape(1, channels, 1));
                variance = layer.RunningVar!.Reshape(1, channels, 1);
            }
            s.Copy_(1.0 / (variance + layer.Eps).Sqrt());
            var y = (x - mu) * s;
            if (layer.Weight is { } w) y.Mul_(w.Reshape(1, channels, 1));
            if (layer.Bias is { } b) y.Add_(b.Reshape(1, channels, 1));
            output.View(batch, channels, spatial).Copy_(y);
        }
        DeviceActivation(activation, output);
    }

    // dγ += Σ dZ·x̂, dβ += Σ dZ, dX = γ·invStd·(dZ − Σ dZ/m − x̂·Σ dZ·x̂/m) (batch statistics) or γ·invStd·dZ (running ones).
    private static void DeviceBatchNormBackward<T>(PlanBuffer<T> gradOutput, PlanBuffer<T> input, int batch, int channels, int spatial, BatchNorm layer,
        bool batchStatistics, PlanBuffer<T> mean, PlanBuffer<T> invStd, Tensor? weightGrad, Tensor? biasGrad, PlanBuffer<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dy = gradOutput.View(batch, channels, spatial);
        var x = input.View(batch, channels, spatial);
        var s = invStd.View(1, channels, 1);
        int[] dims = [0, 2];
        using (Torch.NoGrad())
        {
            var xhat = (x - mean.View(1, channels, 1)) * s;
            var sumDy = dy.Sum(dims, keepDim: true);
            var sumDyXhat = (dy * xhat).Sum(dims, keepDim: true);
            if (weightGrad is not null) weightGrad.Add_(sumDyXhat.Reshape(channels));
            if (biasGrad is not null) biasGrad.Add_(sumDy.Reshape(channels));
            if (gradInput.IsEmpty) return;
            var scale = layer.Weight is { } w ? s * w.Reshape(1, channels, 1) : s;
            double m = (double)batch * spatial;
            var dx = batchStatistics ? (dy - sumDy / m - xhat * (sumDyXhat / m)) * scale : dy * scale;
            gradInput.View(batch, channels, spatial).Copy_(dx);
        }
    }

    // W'[o] = W[o]·s_o, b'_o = (b_o − running_mean_o)·s_o + β_o with s = γ/√(running_var + eps), into device buffers.
    private static void DeviceFoldBatchNorm<T>(Tensor weight, Tensor? bias, BatchNorm norm, PlanBuffer<T> foldedWeight, PlanBuffer<T> foldedBias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outputs = (int)weight.Size(0);
        using (Torch.NoGrad())
        {
            var scale = 1.0 / (norm.RunningVar! + norm.Eps).Sqrt();
            if (norm.Weight is { } gamma) scale = scale * gamma;
            var perOutput = new long[weight.Dim];
            Array.Fill(perOutput, 1L);
            perOutput[0] = outputs;
            foldedWeight.View(weight.ShapeArray).Copy_(weight * scale.Reshape(perOutput));
            var shifted = bias is null ? -norm.RunningMean! : bias - norm.RunningMean!;
            var b = shifted * scale;
            if (norm.Bias is { } beta) b = b + beta;
            foldedBias.View(outputs).Copy_(b);
        }
    }
}
