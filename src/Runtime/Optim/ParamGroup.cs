namespace StaticNet.Optim;

/// <summary>
/// A set of parameters optimized with their own hyperparameters (one of PyTorch's <c>param_groups</c> dicts).
/// Options left unset take the optimizer's constructor arguments when the group joins it:
/// <c>new SGD([new ParamGroup(model.Base.Parameters()), new ParamGroup(model.Head.Parameters()) { Lr = 1e-3 }], lr: 1e-2, momentum: 0.9)</c>.
/// After that every option the optimizer uses can be read and changed (<c>optimizer.ParamGroups[0].Lr *= 0.1</c>, as schedulers do).
/// </summary>
public sealed class ParamGroup
{
    private readonly double[] _values = new double[GroupOptions.Count];
    // Set options in the order they were first set: the optimizer sets its defaults in PyTorch's dict order.
    private readonly List<GroupOption> _order = new(GroupOptions.Count);

    /// <summary>A group of <paramref name="parameters"/> (any tensors; a tensor may belong to one group only).</summary>
    public ParamGroup(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ParamArray = [.. parameters];
    }

    internal ParamGroup() => ParamArray = [];

    /// <summary>The parameters, in the order given (their order defines the optimizer's state-dict indices).</summary>
    public IReadOnlyList<Tensor> Params => ParamArray;

    internal Tensor[] ParamArray { get; }

    /// <summary>Learning rate (<c>lr</c>).</summary>
    public double Lr { get => Get(GroupOption.Lr); set => Set(GroupOption.Lr, value); }

    /// <summary>Momentum factor (SGD, RMSprop).</summary>
    public double Momentum { get => Get(GroupOption.Momentum); set => Set(GroupOption.Momentum, value); }

    /// <summary>Dampening for momentum (SGD).</summary>
    public double Dampening { get => Get(GroupOption.Dampening); set => Set(GroupOption.Dampening, value); }

    /// <summary>Smoothing constant of the squared-gradient average (RMSprop).</summary>
    public double Alpha { get => Get(GroupOption.Alpha); set => Set(GroupOption.Alpha, value); }

    /// <summary>Learning-rate decay (Adagrad).</summary>
    public double LrDecay { get => Get(GroupOption.LrDecay); set => Set(GroupOption.LrDecay, value); }

    /// <summary>Decay of the gradient's running average, <c>betas[0]</c> (Adam, AdamW, NAdam).</summary>
    public double Beta1 { get => Get(GroupOption.Beta1); set => Set(GroupOption.Beta1, value); }

    /// <summary>Decay of the squared gradient's running average, <c>betas[1]</c> (Adam, AdamW, NAdam).</summary>
    public double Beta2 { get => Get(GroupOption.Beta2); set => Set(GroupOption.Beta2, value); }

    /// <summary>Term added to the denominator for numerical stability.</summary>
    public double Eps { get => Get(GroupOption.Eps); set => Set(GroupOption.Eps, value); }

    /// <summary>Weight decay: L2 penalty added to the gradient, or decoupled decay for AdamW.</summary>
    public double WeightDecay { get => Get(GroupOption.WeightDecay); set => Set(GroupOption.WeightDecay, value); }

    /// <summary>Starting value of the squared-gradient sums (Adagrad).</summary>
    public double InitialAccumulatorValue { get => Get(GroupOption.InitialAccumulatorValue); set => Set(GroupOption.InitialAccumulatorValue, value); }

    /// <summary>Momentum decay ψ (NAdam).</summary>
    public double MomentumDecay { get => Get(GroupOption.MomentumDecay); set => Set(GroupOption.MomentumDecay, value); }

    /// <summary>Normalize by the estimated gradient variance (RMSprop).</summary>
    public bool Centered { get => Get(GroupOption.Centered) != 0; set => Set(GroupOption.Centered, value ? 1 : 0); }

    /// <summary>Nesterov momentum (SGD).</summary>
    public bool Nesterov { get => Get(GroupOption.Nesterov) != 0; set => Set(GroupOption.Nesterov, value ? 1 : 0); }

    /// <summary>The AMSGrad variant (Adam, AdamW).</summary>
    public bool Amsgrad { get => Get(GroupOption.Amsgrad) != 0; set => Set(GroupOption.Amsgrad, value ? 1 : 0); }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    public bool Maximize { get => Get(GroupOption.Maximize) != 0; set => Set(GroupOption.Maximize, value ? 1 : 0); }

    /// <summary>The learning rate a scheduler started from (PyTorch's <c>initial_lr</c>); null until a scheduler is attached.</summary>
    public double? InitialLr { get; set; }

    /// <summary>The options that are set, in the order they were first set.</summary>
    internal IReadOnlyList<GroupOption> SetOptions => _order;

    internal bool IsSet(GroupOption option) => _order.Contains(option);

    internal double Get(GroupOption option)
    {
        // The set options are few (≤ 8), so a scan is as fast as a bitmask and keeps one source of truth.
        foreach (var o in _order)
            if (o == option) return _values[(int)option];
        throw new InvalidOperationException(
            $"This parameter group has no option '{GroupOptions.Key(option)}'" +
            (_order.Count == 0 ? ": it has not been added to an optimizer yet." : ": its optimizer does not use it."));
    }

    internal void Set(GroupOption option, double value)
    {
        if (!_order.Contains(option)) _order.Add(option);
        _values[(int)option] = value;
    }
}
