namespace StaticNet.Optim;

/// <summary>
/// An optimizer's state (PyTorch's <c>optimizer.state_dict()</c>): per-parameter buffers keyed by the parameter's index
/// (its position across all groups, in order) and each group's hyperparameters with the indices of its parameters.
/// </summary>
/// <remarks>
/// Buffer names are PyTorch's: <c>momentum_buffer</c> (SGD, RMSprop), <c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>,
/// <c>max_exp_avg_sq</c> (Adam, AdamW, NAdam), <c>mu_product</c> (NAdam), <c>square_avg</c>, <c>grad_avg</c> (RMSprop),
/// <c>sum</c> (Adagrad). <c>step</c> and <c>mu_product</c> are 0-dim Float32 tensors as in PyTorch 2.x.
/// </remarks>
public sealed class OptimizerState
{
    /// <summary>Per-parameter buffers by parameter index. Parameters that were never stepped have no entry.</summary>
    public Dictionary<int, StateDict> State { get; } = [];

    /// <summary>One entry per parameter group, in order.</summary>
    public List<ParamGroupState> ParamGroups { get; } = [];
}

/// <summary>A parameter group as saved: its options and the indices of its parameters.</summary>
public sealed class ParamGroupState
{
    /// <summary>
    /// The hyperparameters under PyTorch's keys (<c>lr</c>, <c>momentum</c>, <c>weight_decay</c>, ...): a
    /// <see cref="double"/>, a <see cref="bool"/> for flags, or a <c>(double, double)</c> tuple for <c>betas</c>.
    /// Loading ignores keys the optimizer does not use (such as PyTorch's <c>foreach</c>).
    /// </summary>
    public Dictionary<string, object> Options { get; } = new(StringComparer.Ordinal);

    /// <summary>The indices of the group's parameters into <see cref="OptimizerState.State"/>.</summary>
    public List<int> Params { get; } = [];
}
