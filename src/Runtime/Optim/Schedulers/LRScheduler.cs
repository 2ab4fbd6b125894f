namespace StaticNet.Optim.Schedulers;

/// <summary>
/// The base of the epoch-based learning-rate schedulers (PyTorch's <c>LRScheduler</c>): it records each group's
/// starting rate (<see cref="ParamGroup.InitialLr"/>), and every <see cref="Step"/> advances <see cref="LastEpoch"/>
/// and writes the new rates into the optimizer's groups. Call it after <c>optimizer.Step()</c>, once per epoch.
/// </summary>
public abstract class LRScheduler
{
    private int _stepCount;
    private double[] _lastLr = [];

    /// <summary>Attaches to <paramref name="optimizer"/> and makes the initial step (epoch 0), as PyTorch's constructor does.</summary>
    private protected LRScheduler(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        foreach (var group in optimizer.ParamGroups) group.InitialLr ??= group.Lr;
        BaseLrs = [.. optimizer.ParamGroups.Select(g => g.InitialLr!.Value)];
        optimizer.StepCount = 0;
        Step();
    }

    /// <summary>The optimizer whose learning rates this scheduler sets.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Each group's starting learning rate.</summary>
    public IReadOnlyList<double> BaseLrs { get; }

    /// <summary>The number of the epoch last stepped to: 0 after construction.</summary>
    public int LastEpoch { get; private set; } = -1;

    /// <summary>Advances one epoch and sets each group's learning rate (<c>scheduler.step()</c>).</summary>
    public void Step()
    {
        if (_stepCount == 1 && Optimizer.StepCount < 1)
            Warnings.Warn(
                "Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the " +
                "opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the " +
                "first value of the learning rate schedule. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate");
        _stepCount++;
        LastEpoch++;
        var groups = Optimizer.ParamGroups;
        var lrs = new double[groups.Count];
        for (int i = 0; i < lrs.Length; i++) lrs[i] = NextLr(i, groups[i].Lr);
        for (int i = 0; i < lrs.Length; i++) groups[i].Lr = lrs[i];
        _lastLr = lrs;
    }

    /// <summary>The learning rates the last <see cref="Step"/> set, one per group (<c>get_last_lr()</c>).</summary>
    public IReadOnlyList<double> GetLastLr() => _lastLr;

    /// <summary>The learning rate of group <paramref name="group"/> at epoch <see cref="LastEpoch"/>, from its current rate
    /// (PyTorch's chainable <c>get_lr</c>).</summary>
    private protected abstract double NextLr(int group, double currentLr);
}
