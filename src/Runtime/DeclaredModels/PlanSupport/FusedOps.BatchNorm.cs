using System.Numerics;
using StaticNet.Kernels;
using StaticNet.NN;

namespace StaticNet.Fused;

public static partial class FusedOps
{
    /// <summary>
    /// BatchNorm1d/2d with an activation epilogue, as <see cref="NN.BatchNorm.Forward"/> computes it: in training the batch's
    /// mean and biased variance normalize (at least two values per channel), <c>num_batches_tracked</c> counts the batch and
    /// the running statistics move towards the batch's, <c>r ← (1 − f)·r + f·s</c> with f the momentum (or 1/batches for a
    /// cumulative average) and the unbiased variance for <c>running_var</c>; in evaluation the running statistics normalize.
    /// The mean and 1/√(var + eps) used are saved for the backward.
    /// </summary>
    /// <param name="input">batch × C × spatial elements, row-major.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">C.</param>
    /// <param name="spatial">Elements per channel per sample (1, L, or H·W).</param>
    /// <param name="layer">The BatchNorm; its parameters and running statistics are of dtype T.</param>
    /// <param name="training">Batch statistics (and the running-statistics update) rather than the running statistics.</param>
    /// <param name="activation">The epilogue's activation.</param>
    /// <param name="mean">C elements: the mean used, saved.</param>
    /// <param name="invStd">C elements: 1/√(var + eps), saved.</param>
    /// <param name="output">batch × C × spatial elements.</param>
    /// <returns>Whether the batch's statistics normalized (the backward's formula depends on it).</returns>
    /// <exception cref="ArgumentException">Training with one value per channel.</exception>
    public static bool BatchNorm<T>(PlanBuffer<T> input, int batch, int channels, int spatial, BatchNorm layer, bool training,
        FusedActivation activation, PlanBuffer<T> mean, PlanBuffer<T> invStd, PlanBuffer<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool batchStatistics = training || layer.RunningMean is null;
        if (training && (long)batch * spatial == 1)
            throw new ArgumentException($"batch_norm: Expected more than 1 value per channel when training, got input size [{batch}, {channels}] " +
                                        $"with {spatial} element(s) per channel and sample.");
        if (!output.IsHost) DeviceBatchNorm(input, batch, channels, spatial, layer, training, batchStatistics, activation, mean, invStd, output);
        else BatchNormHost((ReadOnlySpan<T>)input.Span, batch, channels, spatial, layer, training, activation, mean.Span, invStd.Span, output.Span);
        return batchStatistics;
    }

    private static unsafe void BatchNormHost<T>(ReadOnlySpan<T> input, int batch, int channels, int spatial, BatchNorm layer, bool training,
        FusedActivation activation, Span<T> mean, Span<T> invStd, Span<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = new BatchNormGeometry(batch, channels, spatial);
        var backend = BackendOf(layer);
        T eps = T.CreateTruncating(layer.Eps);
        bool batchStatistics = training || layer.RunningMean is null;
        if (batchStatistics)
        {
            fixed (T* x = input)
            fixed (T* mu = mean)
            fixed (T* variance = invStd)
                backend.HostBatchNormStatistics(g, x, mu, variance);
            if (training) UpdateRunningStatistics<T>(layer, mean, invStd, g.PerChannel);
            for (int c = 0; c < channels; c++) invStd[c] = T.One / T.Sqrt(invStd[c] + eps);
        }
        else
        {
            Dense<T>(layer.RunningMean!).CopyTo(mean);
            var runningVar = Dense<T>(layer.RunningVar!);
            for (int c = 0; c < channels; c++) invStd[c] = T.One / T.Sqrt(runningVar[c] + eps);
        }
        fixed (T* x = input)
        fixed (T* mu = mean)
        fixed (T* s = invStd)
        fixed (T* w = layer.Weight is { } weight ? Dense<T>(weight) : default)
        fixed (T* b = layer.Bias is { } bias ? Dense<T>(bias) : default)
        fixed (T* y = output)
            backend.HostBatchNorm(g, x, mu, s, w, b, y);
        Activation(activation, output);
    }

    /// <summary>
    /// The BatchNorm's backward from dZ (<paramref name="gradOutput"/>, the activation's derivative already applied): Σ dZ·x̂
    /// added into <paramref name="weightGrad"/>, Σ dZ into <paramref name="biasGrad"/>, and, when <paramref name="gradInput"/>
    /// is not empty, dX = γ·invStd/m·(m·dZ − Σ dZ − x̂·Σ dZ·x̂) for batch statistics (m = batch × spatial), γ·invStd·dZ for running ones.
    /// </summary>
    /// <param name="gradOutput">dZ: batch × C × spatial elements.</param>
    /// <param name="input">X: the BatchNorm's saved input.</param>
    /// <param name="batch">The number of samples.</param>
    /// <param name="channels">C.</param>
    /// <param name="spatial">Elements per channel per sample.</param>
    /// <param name="layer">The BatchNorm.</param>
    /// <param name="batchStatistics">Whether the forward normalized by the batch's statistics.</param>
    /// <param name="mean">The saved mean.</param>
    /// <param name="invStd">The saved 1/√(var + eps).</param>
    /// <param name="weightGrad">A contiguous [C] tensor of dtype T to add into, or null.</param>
    /// <param name="biasGrad">A contiguous [C] tensor of dtype T to add into, or null.</param>
    /// <param name="gradInput">batch × C × spatial elements (overwritten), or empty when x needs no gradient.</param>
    public static unsafe void BatchNormBackward<T>(PlanBuffer<T> gradOutput, PlanBuffer<T> input, int batch, int channels, int spatial, BatchNorm layer,
        bool batchStatistics, PlanBuffer<T> mean, PlanBuffer<T> invStd, Tensor? weightGrad, Tensor? biasGrad, PlanBuffer<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!gradOutput.IsHost)
            DeviceBatchNormBackward(gradOutput, input, batch, channels, spatial, layer, batchStatistics, mean, invStd, weightGrad, biasGrad, gradInput);
        else
        {
            var g = new BatchNormGeometry(batch, channels, spatial);
            var dxSpan = gradInput.Span;
            fixed (T* dy = gradOutput.Span)
            fixed (T* x = input.Span)
            fixed (T* mu = mean.Span)
            fixed (T* s = invStd.Span)
            fixed (T* w = layer.Weight is { } weight ? Dense<T>(weight) : default)
            fixed (T* dw = weightGrad is null ? default : weightGrad.ContiguousSpan<T>())
            fixed (T* db = biasGrad is null ? default : biasGrad.ContiguousSpan<T>())
            fixed (T* dx = dxSpan)
                BackendOf(layer).HostBatchNormBackward(g, dy, x, mu, s, w, batchStatistics, dxSpan.IsEmpty ? null : dx, dw, db);
        }
        // Added straight into a parameter's Grad (not a temporary returned on the edge): the gradient is final here.
        if (layer.Weight is { } wp && weightGrad is not null && ReferenceEquals(weightGrad, wp.GradInternal)) wp.RunPostAccumulateGradHooks();
        if (layer.Bias is { } bp && biasGrad is not null && ReferenceEquals(biasGrad, bp.GradInternal)) bp.RunPostAccumulateGradHooks();
    }

    // What BatchNorm.Forward and F.BatchNorm do to the buffers in training, in T (the buffers' dtype in a plan).
    private static void UpdateRunningStatistics<T>(BatchNorm layer, ReadOnlySpan<T> mean, ReadOnlySpan<T> variance, long perChannel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (layer.RunningMean is not { } runningMean || layer.RunningVar is not { } runningVar) return;
        var batches = layer.NumBatchesTracked!;
        var count = batches.ContiguousSpan<long>();
        count[0]++;
        batches.Storage.BumpVersion();
        double factor = layer.Momentum ?? 1.0 / count[0];
        T keep = T.CreateTruncating(1 - factor), f = T.CreateTruncating(factor);
        // The running variance is the unbiased one: m/(m − 1) times the batch's biased variance.
        T fv = T.CreateTruncating(perChannel / (double)Math.Max(perChannel - 1, 1) * factor);
        var rm = runningMean.ContiguousSpan<T>();
        var rv = runningVar.ContiguousSpan<T>();
        for (int c = 0; c < mean.Length; c++)
        {
            rm[c] = rm[c] * keep + mean[c] * f;
            rv[c] = rv[c] * keep + variance[c] * fv;
        }
        runningMean.Storage.BumpVersion();
        runningVar.Storage.BumpVersion();
    }

    // A CPU plan's workspaces are host memory; the kernels are those of the device the layer's tensors live on (the CPU).
    private static IBackend BackendOf(BatchNorm layer) =>
        layer.RunningMean is { } t ? Backends.Of(t) : layer.Weight is { } w ? Backends.Of(w) : Backends.For(Device.Cpu);
}
