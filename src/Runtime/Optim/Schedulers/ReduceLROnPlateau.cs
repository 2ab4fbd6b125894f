namespace StaticNet.Optim.Schedulers;

/// <summary>
/// Reduces the learning rates when a metric has stopped improving (<c>torch.optim.lr_scheduler.ReduceLROnPlateau</c>):
/// after more than <c>patience</c> epochs without improvement each group's rate is multiplied by <c>factor</c>
/// (not below <c>minLr</c>), then <c>cooldown</c> epochs pass before bad epochs count again.
/// </summary>
public sealed class ReduceLROnPlateau
{
    private readonly bool _minimize, _relative;
    private readonly double _factor, _threshold, _minLr, _eps;
    private readonly int _patience, _cooldown;
    private double _best;
    private int _cooldownCounter;
    private double[] _lastLr;

    /// <summary>Watches a metric for <paramref name="optimizer"/>.</summary>
    /// <param name="optimizer">The optimizer whose groups' rates are reduced.</param>
    /// <param name="mode"><c>"min"</c>: the metric should decrease (a loss); <c>"max"</c>: it should increase (an accuracy).</param>
    /// <param name="factor">Multiplier of the rate on a reduction (below 1).</param>
    /// <param name="patience">Epochs without improvement tolerated before a reduction.</param>
    /// <param name="threshold">How much better than the best a metric must be to count as an improvement.</param>
    /// <param name="thresholdMode"><c>"rel"</c>: better than best·(1 ∓ threshold); <c>"abs"</c>: better than best ∓ threshold.</param>
    /// <param name="cooldown">Epochs after a reduction during which bad epochs are not counted.</param>
    /// <param name="minLr">Lower bound of every group's rate.</param>
    /// <param name="eps">Reductions smaller than this are skipped.</param>
    public ReduceLROnPlateau(Optimizer optimizer, string mode = "min", double factor = 0.1, int patience = 10, double threshold = 1e-4,
        string thresholdMode = "rel", int cooldown = 0, double minLr = 0, double eps = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (factor >= 1.0) throw new ArgumentException("Factor should be < 1.0.", nameof(factor));
        if (mode is not ("min" or "max")) throw new ArgumentException("mode " + mode + " is unknown!", nameof(mode));
        if (thresholdMode is not ("rel" or "abs")) throw new ArgumentException("threshold mode " + thresholdMode + " is unknown!", nameof(thresholdMode));
        Optimizer = optimizer;
        (_minimize, _relative) = (mode == "min", thresholdMode == "rel");
        (_factor, _threshold, _minLr, _eps, _patience, _cooldown) = (factor, threshold, minLr, eps, patience, cooldown);
        _best = _minimize ? double.PositiveInfinity : double.NegativeInfinity;
        _lastLr = [.. optimizer.ParamGroups.Select(g => g.Lr)];
    }

    /// <summary>The optimizer whose learning rates this scheduler reduces.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The number of <see cref="Step"/> calls so far.</summary>
    public int LastEpoch { get; private set; }

    /// <summary>The best metric seen so far.</summary>
    public double Best => _best;

    /// <summary>Consecutive epochs without improvement.</summary>
    public int NumBadEpochs { get; private set; }

    /// <summary>Records the epoch's <paramref name="metric"/> and reduces the rates if it has plateaued (<c>scheduler.step(metric)</c>).</summary>
    public void Step(double metric)
    {
        LastEpoch++;
        if (IsBetter(metric))
        {
            _best = metric;
            NumBadEpochs = 0;
        }
        else NumBadEpochs++;

        if (_cooldownCounter > 0)
        {
            _cooldownCounter--;
            NumBadEpochs = 0; // bad epochs in cooldown are ignored
        }
        if (NumBadEpochs > _patience)
        {
            ReduceLr();
            _cooldownCounter = _cooldown;
            NumBadEpochs = 0;
        }
        _lastLr = [.. Optimizer.ParamGroups.Select(g => g.Lr)];
    }

    /// <summary>The current learning rate of each group (<c>get_last_lr()</c>).</summary>
    public IReadOnlyList<double> GetLastLr() => _lastLr;

    private bool IsBetter(double metric) => (_minimize, _relative) switch
    {
        (true, true) => metric < _best * (1 - _threshold),
        (true, false) => metric < _best - _threshold,
        (false, true) => metric > _best * (_threshold + 1),
        (false, false) => metric > _best + _threshold,
    };

    private void ReduceLr()
    {
        foreach (var group in Optimizer.ParamGroups)
        {
            double old = group.Lr, next = Math.Max(old * _factor, _minLr);
            if (old - next > _eps) group.Lr = next;
        }
    }
}
