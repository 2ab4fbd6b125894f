namespace StaticNet.NN;

/// <summary>
/// The shared part of <see cref="BatchNorm1d"/> and <see cref="BatchNorm2d"/> (PyTorch's <c>_BatchNorm</c>):
/// parameters <c>weight</c> (1) and <c>bias</c> (0) when affine, buffers <c>running_mean</c> (0), <c>running_var</c> (1)
/// and <c>num_batches_tracked</c> (Int64 0) when tracking running statistics, registered in PyTorch's order.
/// </summary>
public abstract class BatchNorm : Module
{
    /// <summary>Creates the parameters and buffers.</summary>
    protected BatchNorm(long numFeatures, double eps, double? momentum, bool affine, bool trackRunningStats, DType dtype)
    {
        if (numFeatures < 0) throw new ArgumentException($"{TypeName}: num_features must be non-negative, got {numFeatures}.");
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        Affine = affine;
        TrackRunningStats = trackRunningStats;
        if (affine)
        {
            Weight = RegisterParameter("weight", new Parameter(Torch.Ones([numFeatures], dtype)));
            Bias = RegisterParameter("bias", new Parameter(Torch.Zeros([numFeatures], dtype)));
        }
        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", Torch.Zeros([numFeatures], dtype));
            RunningVar = RegisterBuffer("running_var", Torch.Ones([numFeatures], dtype));
            NumBatchesTracked = RegisterBuffer("num_batches_tracked", Torch.Tensor(0L));
        }
    }

    /// <summary>C, the number of channels.</summary>
    public long NumFeatures { get; }

    /// <summary>Added to the variance for numerical stability.</summary>
    public double Eps { get; }

    /// <summary>The running statistics' update factor; null for a cumulative average (1 / batches seen).</summary>
    public double? Momentum { get; }

    /// <summary>Whether the layer has a learnable scale and shift.</summary>
    public bool Affine { get; }

    /// <summary>Whether running statistics are kept (and used in evaluation mode).</summary>
    public bool TrackRunningStats { get; }

    /// <summary>The scale, [C], or null when not affine.</summary>
    public Parameter? Weight { get; }

    /// <summary>The shift, [C], or null when not affine.</summary>
    public Parameter? Bias { get; }

    /// <summary>The running mean, [C], or null when not tracking.</summary>
    public Tensor? RunningMean { get; }

    /// <summary>The running (unbiased) variance, [C], or null when not tracking.</summary>
    public Tensor? RunningVar { get; }

    /// <summary>How many training batches updated the running statistics (0-dim Int64), or null when not tracking.</summary>
    public Tensor? NumBatchesTracked { get; }

    /// <summary>Resets the running statistics to mean 0, variance 1 and no batches.</summary>
    public void ResetRunningStats()
    {
        if (!TrackRunningStats) return;
        using (Torch.NoGrad())
        {
            RunningMean!.Zero_();
            RunningVar!.Fill_(1.0);
            NumBatchesTracked!.Zero_();
        }
    }

    /// <summary>Throws PyTorch's error when the input's rank does not fit the layer.</summary>
    protected abstract void CheckInputDim(Tensor input);

    /// <summary>Normalizes each channel: with the batch's statistics in training (updating the running ones), with
    /// the running statistics in evaluation (or the batch's when none are tracked).</summary>
    public override Tensor Forward(Tensor x)
    {
        CheckInputDim(x);
        double factor = Momentum ?? 0.0;
        if (Training && TrackRunningStats)
        {
            using (Torch.NoGrad()) NumBatchesTracked!.Add_(1L);
            if (Momentum is null) factor = 1.0 / NumBatchesTracked!.Item<long>();
        }
        bool batchStatistics = Training || RunningMean is null;
        bool passStatistics = !Training || TrackRunningStats;
        return Traced(F.BatchNorm(x, passStatistics ? RunningMean : null, passStatistics ? RunningVar : null, Weight, Bias,
            batchStatistics, factor, Eps));
    }

    /// <inheritdoc/>
    public override string ExtraRepr() =>
        $"{NumFeatures}, eps={Py(Eps)}, momentum={(Momentum is { } m ? Py(m) : "None")}, affine={Py(Affine)}, track_running_stats={Py(TrackRunningStats)}";
}
