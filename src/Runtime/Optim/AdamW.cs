namespace StaticNet.Optim;

/// <summary>
/// AdamW (<c>torch.optim.AdamW</c>): Adam with decoupled weight decay, <c>θ ← θ(1 − γλ)</c> before the Adam update
/// instead of an L2 term in the gradient. The default decay is 1e-2.
/// </summary>
/// <remarks>State per parameter: <c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>, and <c>max_exp_avg_sq</c> with amsgrad.</remarks>
public sealed class AdamW : Adam
{
    /// <summary>Optimizes <paramref name="parameters"/> with one set of hyperparameters.</summary>
    /// <param name="parameters">The tensors to optimize (<c>model.Parameters()</c>).</param>
    /// <param name="lr">Learning rate γ.</param>
    /// <param name="beta1">Decay of the gradient's running average (<c>betas[0]</c>).</param>
    /// <param name="beta2">Decay of the squared gradient's running average (<c>betas[1]</c>).</param>
    /// <param name="eps">Added to the denominator for numerical stability.</param>
    /// <param name="weightDecay">Decoupled weight decay λ.</param>
    /// <param name="amsgrad">Use the maximum of past squared-gradient averages (AMSGrad).</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weightDecay = 1e-2, bool amsgrad = false, bool maximize = false)
        : base([new ParamGroup(parameters)], lr, beta1, beta2, eps, weightDecay, amsgrad, maximize, decoupled: true)
    {
    }

    /// <summary>Optimizes parameter groups; options a group does not set take these values.</summary>
    /// <param name="paramGroups">The groups, each with its parameters and overriding options.</param>
    /// <param name="lr">Learning rate γ.</param>
    /// <param name="beta1">Decay of the gradient's running average (<c>betas[0]</c>).</param>
    /// <param name="beta2">Decay of the squared gradient's running average (<c>betas[1]</c>).</param>
    /// <param name="eps">Added to the denominator for numerical stability.</param>
    /// <param name="weightDecay">Decoupled weight decay λ.</param>
    /// <param name="amsgrad">Use the maximum of past squared-gradient averages (AMSGrad).</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public AdamW(IEnumerable<ParamGroup> paramGroups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weightDecay = 1e-2, bool amsgrad = false, bool maximize = false)
        : base(paramGroups, lr, beta1, beta2, eps, weightDecay, amsgrad, maximize, decoupled: true)
    {
    }
}
