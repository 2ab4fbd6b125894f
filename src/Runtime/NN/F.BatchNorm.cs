using StaticNet.Autograd;

namespace StaticNet;

public static partial class F
{
    /// <summary>
    /// Batch normalization (<c>F.batch_norm</c>): per channel c (dimension 1), y = (x − μ_c)/√(var_c + eps)·w_c + b_c.
    /// In training μ and var are the batch's (biased variance), and the running statistics, when given, move towards
    /// them: r ← (1 − momentum)·r + momentum·s, with the unbiased variance for running_var. Otherwise the running
    /// statistics are used. The result's GradFn is <c>NativeBatchNormBackward0</c> (inputs: input, weight, bias).
    /// </summary>
    /// <param name="input">[N, C, *].</param>
    /// <param name="runningMean">[C], updated in place in training; null to use only batch statistics.</param>
    /// <param name="runningVar">[C], updated in place in training; null to use only batch statistics.</param>
    /// <param name="weight">[C] scale, or null for 1.</param>
    /// <param name="bias">[C] shift, or null for 0.</param>
    /// <param name="training">Use (and track) the batch statistics.</param>
    /// <param name="momentum">The running statistics' update factor.</param>
    /// <param name="eps">Added to the variance for numerical stability.</param>
    /// <exception cref="ArgumentException">A per-channel tensor does not have C elements, or a training batch has one value per channel.</exception>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null,
        bool training = false, double momentum = 0.1, double eps = 1e-5)
    {
        if (input.Dim < 2) throw new ArgumentException($"batch_norm: expected an input with at least 2 dimensions [N, C, *], got shape {input.Shape}.");
        if (!input.DType.IsFloatingPoint()) throw new ArgumentException($"batch_norm: expected a floating point input, got {input.DType.PyTorchName()}.");
        long channels = input.Size(1);
        CheckChannels("running_mean", runningMean, channels);
        CheckChannels("running_var", runningVar, channels);
        CheckChannels("weight", weight, channels);
        CheckChannels("bias", bias, channels);
        bool useBatchStatistics = training || runningMean is null || runningVar is null;
        long perChannel = channels == 0 ? 0 : input.Numel / channels;
        if (training && perChannel == 1)
            throw new ArgumentException($"batch_norm: Expected more than 1 value per channel when training, got input size {input.Shape}");

        var dims = NativeBatchNormBackward0.ReducedDims(input.Dim);
        var channelShape = Enumerable.Repeat(1L, input.Dim).ToArray();
        channelShape[1] = channels;
        Tensor mean, invStd, output;
        using (Torch.NoGrad())
        {
            Tensor variance;
            if (useBatchStatistics)
            {
                mean = input.Mean(dims, keepDim: true);
                variance = input.Var(dims, keepDim: true, correction: 0);
                if (training && runningMean is not null && runningVar is not null)
                {
                    runningMean.Mul_(1 - momentum).Add_(mean.Reshape(channels) * momentum);
                    double unbias = perChannel / (double)Math.Max(perChannel - 1, 1);
                    runningVar.Mul_(1 - momentum).Add_(variance.Reshape(channels) * (unbias * momentum));
                }
            }
            else
            {
                // Copies: the node must not see later in-place updates of the buffers.
                mean = runningMean!.Reshape(channelShape).To(input.DType).Clone();
                variance = runningVar!.Reshape(channelShape).To(input.DType);
            }
            invStd = 1.0 / (variance + eps).Sqrt();
            output = (input - mean) * invStd;
            if (weight is not null) output = output.Mul_(weight.Reshape(channelShape));
            if (bias is not null) output = output.Add_(bias.Reshape(channelShape));
        }
        bool record = GradMode.IsEnabled && (input.RequiresGrad || weight is { RequiresGrad: true } || bias is { RequiresGrad: true });
        return record
            ? Graph.Record(output, new NativeBatchNormBackward0(input, weight, bias, mean, invStd, useBatchStatistics), input, weight, bias)
            : output;
    }

    private static void CheckChannels(string name, Tensor? t, long channels)
    {
        if (t is not null && t.Numel != channels)
            throw new ArgumentException($"batch_norm: {name} should contain {channels} elements not {t.Numel}");
    }
}
