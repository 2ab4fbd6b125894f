namespace StaticNet.Optim;

/// <summary>The hyperparameters a <see cref="ParamGroup"/> can carry, one slot each (PyTorch keeps them in a dict).</summary>
internal enum GroupOption
{
    Lr,
    Momentum,
    Dampening,
    Alpha,
    LrDecay,
    Beta1,
    Beta2,
    Eps,
    WeightDecay,
    InitialAccumulatorValue,
    MomentumDecay,
    Centered,
    Nesterov,
    Amsgrad,
    Maximize,
}

/// <summary>PyTorch's names for the options (state-dict keys and error messages) and which ones are flags.</summary>
internal static class GroupOptions
{
    public const int Count = (int)GroupOption.Maximize + 1;

    /// <summary>The key in PyTorch's <c>param_groups</c> dicts; the two betas share the tuple <c>"betas"</c>.</summary>
    public static string Key(GroupOption option) => option switch
    {
        GroupOption.Lr => "lr",
        GroupOption.Momentum => "momentum",
        GroupOption.Dampening => "dampening",
        GroupOption.Alpha => "alpha",
        GroupOption.LrDecay => "lr_decay",
        GroupOption.Beta1 or GroupOption.Beta2 => "betas",
        GroupOption.Eps => "eps",
        GroupOption.WeightDecay => "weight_decay",
        GroupOption.InitialAccumulatorValue => "initial_accumulator_value",
        GroupOption.MomentumDecay => "momentum_decay",
        GroupOption.Centered => "centered",
        GroupOption.Nesterov => "nesterov",
        GroupOption.Amsgrad => "amsgrad",
        GroupOption.Maximize => "maximize",
        _ => throw new ArgumentOutOfRangeException(nameof(option)),
    };

    /// <summary>Flags are stored as 0/1 and saved as bools.</summary>
    public static bool IsFlag(GroupOption option) =>
        option is GroupOption.Centered or GroupOption.Nesterov or GroupOption.Amsgrad or GroupOption.Maximize;
}
