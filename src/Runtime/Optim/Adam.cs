namespace StaticNet.Optim;

/// <summary>
/// Adam (<c>torch.optim.Adam</c>): adaptive moments with bias correction; weight decay is an L2 penalty added to the
/// gradient. <see cref="AdamW"/> derives from it, as in PyTorch 2.x.
/// </summary>
/// <remarks>State per parameter: <c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>, and <c>max_exp_avg_sq</c> with amsgrad.</remarks>
public class Adam : Optimizer
{
    private readonly bool _decoupled;

    /// <summary>Optimizes <paramref name="parameters"/> with one set of hyperparameters.</summary>
    /// <param name="parameters">The tensors to optimize (<c>model.Parameters()</c>).</param>
    /// <param name="lr">Learning rate γ.</param>
    /// <param name="beta1">Decay of the gradient's running average (<c>betas[0]</c>).</param>
    /// <param name="beta2">Decay of the squared gradient's running average (<c>betas[1]</c>).</param>
    /// <param name="eps">Added to the denominator for numerical stability.</param>
    /// <param name="weightDecay">L2 penalty λ.</param>
    /// <param name="amsgrad">Use the maximum of past squared-gradient averages (AMSGrad).</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weightDecay = 0, bool amsgrad = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, beta1, beta2, eps, weightDecay, amsgrad, maximize, decoupled: false)
    {
    }

    /// <summary>Optimizes parameter groups; options a group does not set take these values.</summary>
    /// <param name="paramGroups">The groups, each with its parameters and overriding options.</param>
    /// <param name="lr">Learning rate γ.</param>
    /// <param name="beta1">Decay of the gradient's running average (<c>betas[0]</c>).</param>
    /// <param name="beta2">Decay of the squared gradient's running average (<c>betas[1]</c>).</param>
    /// <param name="eps">Added to the denominator for numerical stability.</param>
    /// <param name="weightDecay">L2 penalty λ.</param>
    /// <param name="amsgrad">Use the maximum of past squared-gradient averages (AMSGrad).</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public Adam(IEnumerable<ParamGroup> paramGroups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weightDecay = 0, bool amsgrad = false, bool maximize = false)
        : this(paramGroups, lr, beta1, beta2, eps, weightDecay, amsgrad, maximize, decoupled: false)
    {
    }

    private protected Adam(IEnumerable<ParamGroup> paramGroups, double lr, double beta1, double beta2, double eps, double weightDecay,
        bool amsgrad, bool maximize, bool decoupled)
        : base(paramGroups, new ParamGroup
        {
            Lr = lr, Beta1 = beta1, Beta2 = beta2, Eps = eps, WeightDecay = weightDecay, Amsgrad = amsgrad, Maximize = maximize,
        }) => _decoupled = decoupled;

    private protected override void Validate(ParamGroup group)
    {
        CheckAdamRanges(group);
    }

    private protected override void Update(ParamGroup group, Tensor param, Tensor grad, StateDict state)
    {
        if (state.Count == 0)
        {
            state["step"] = ScalarSlot(0);
            state["exp_avg"] = ZerosLike(param);
            state["exp_avg_sq"] = ZerosLike(param);
        }
        // amsgrad may be switched on between steps: its buffer then starts at zero.
        if (group.Amsgrad && !state.ContainsKey("max_exp_avg_sq")) state["max_exp_avg_sq"] = ZerosLike(param);
        Kernels.AdamUpdate.Step(group, param, grad, state, IncrementStep(state), _decoupled);
    }
}
