using StaticNet.Kernels;
using System.Numerics;
using System.Runtime.CompilerServices;
using StaticNet.Optim.Kernels;

namespace StaticNet.Optim;

/// <summary>
/// NAdam (<c>torch.optim.NAdam</c>): Adam with Nesterov momentum and the momentum schedule
/// <c>μₜ = β₁(1 − ½·0.96^(tψ))</c>, following PyTorch 2.x (whose <c>mu_product_next = Πμ · μₜ₊₁</c> corrects 1.13).
/// </summary>
/// <remarks>State per parameter: <c>step</c>, <c>mu_product</c> (Float32, as PyTorch keeps it), <c>exp_avg</c>, <c>exp_avg_sq</c>.</remarks>
public sealed class NAdam : Optimizer
{
    /// <summary>Optimizes <paramref name="parameters"/> with one set of hyperparameters.</summary>
    /// <param name="parameters">The tensors to optimize (<c>model.Parameters()</c>).</param>
    /// <param name="lr">Learning rate γ.</param>
    /// <param name="beta1">Decay of the gradient's running average (<c>betas[0]</c>).</param>
    /// <param name="beta2">Decay of the squared gradient's running average (<c>betas[1]</c>).</param>
    /// <param name="eps">Added to the denominator for numerical stability.</param>
    /// <param name="weightDecay">L2 penalty λ.</param>
    /// <param name="momentumDecay">Momentum decay ψ.</param>
    public NAdam(IEnumerable<Tensor> parameters, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weightDecay = 0, double momentumDecay = 4e-3)
        : this([new ParamGroup(parameters)], lr, beta1, beta2, eps, weightDecay, momentumDecay)
    {
    }

    /// <summary>Optimizes parameter groups; options a group does not set take these values.</summary>
    /// <param name="paramGroups">The groups, each with its parameters and overriding options.</param>
    /// <param name="lr">Learning rate γ.</param>
    /// <param name="beta1">Decay of the gradient's running average (<c>betas[0]</c>).</param>
    /// <param name="beta2">Decay of the squared gradient's running average (<c>betas[1]</c>).</param>
    /// <param name="eps">Added to the denominator for numerical stability.</param>
    /// <param name="weightDecay">L2 penalty λ.</param>
    /// <param name="momentumDecay">Momentum decay ψ.</param>
    public NAdam(IEnumerable<ParamGroup> paramGroups, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weightDecay = 0, double momentumDecay = 4e-3)
        : base(paramGroups, new ParamGroup
        {
            Lr = lr, Beta1 = beta1, Beta2 = beta2, Eps = eps, WeightDecay = weightDecay, MomentumDecay = momentumDecay,
        })
    {
    }

    private protected override void Validate(ParamGroup group)
    {
        CheckAdamRanges(group);
        CheckRange(group.MomentumDecay >= 0, "momentum_decay value", group.MomentumDecay);
    }

    private protected override void Update(ParamGroup group, Tensor param, Tensor grad, StateDict state)
    {
        if (state.Count == 0)
        {
            state["step"] = ScalarSlot(0);
            state["mu_product"] = ScalarSlot(1);
            state["exp_avg"] = ZerosLike(param);
            state["exp_avg_sq"] = ZerosLike(param);
        }
        double step = IncrementStep(state), beta1 = group.Beta1, psi = group.MomentumDecay;
        double mu = beta1 * (1.0 - 0.5 * Math.Pow(0.96, step * psi));
        double muNext = beta1 * (1.0 - 0.5 * Math.Pow(0.96, (step + 1) * psi));
        // mu_product is a Float32 tensor in PyTorch: `mu_product *= mu` rounds to float; the next product is a double.
        var slot = state["mu_product"];
        float muProduct = (float)(ReadSlot(slot) * (double)(float)mu);
        WriteSlot(slot, muProduct);
        double muProductNext = muProduct * muNext;
        var m = state["exp_avg"];
        var v = state["exp_avg_sq"];
        m.Storage.BumpVersion();
        v.Storage.BumpVersion();
        var c = new Coefficients(
            GradScale: -group.Lr * (1.0 - mu) / (1.0 - muProduct),
            AvgScale: -group.Lr * muNext / (1.0 - muProductNext),
            BiasCorrection2: 1 - Math.Pow(group.Beta2, step));
        if (param.DType == DType.Float32) Run<float>(group, c, param, grad, m, v);
        else Run<double>(group, c, param, grad, m, v);
    }

    internal readonly record struct Coefficients(double GradScale, double AvgScale, double BiasCorrection2);

    private static void Run<T>(ParamGroup group, Coefficients c, Tensor param, Tensor grad, Tensor m, Tensor v)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Backends.Of(param).FusedUpdate<T, Rule<T>, ElementRule<T>>(new Rule<T>(group, c), new ElementRule<T>(group, c), param, grad, m, v);

    /// <summary><see cref="Rule{T}"/> for one element (the device kernels; internal, not private: ILGPU's launcher assembly must see it).</summary>
    internal readonly struct ElementRule<T> : IElementUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T _weightDecay, _w1, _oneMinusW1, _beta2, _oneMinusBeta2, _bc2, _eps, _gradScale, _avgScale;
        private readonly KernelFlag _hasWeightDecay, _w1Small;

        public ElementRule(ParamGroup g, Coefficients c)
        {
            _weightDecay = T.CreateTruncating(g.WeightDecay);
            _hasWeightDecay = g.WeightDecay != 0;
            _w1 = T.CreateTruncating(1 - g.Beta1);
            _oneMinusW1 = T.CreateTruncating(1 - (1 - g.Beta1));
            _w1Small = Math.Abs(1 - g.Beta1) < 0.5;
            _beta2 = T.CreateTruncating(g.Beta2);
            _oneMinusBeta2 = T.CreateTruncating(1 - g.Beta2);
            _bc2 = T.CreateTruncating(c.BiasCorrection2);
            _eps = T.CreateTruncating(g.Eps);
            _gradScale = T.CreateTruncating(c.GradScale);
            _avgScale = T.CreateTruncating(c.AvgScale);
        }

        public void Apply(ref T p, T g, ref T m, ref T v, ref T unused)
        {
            if (_hasWeightDecay) g += _weightDecay * p;
            m = VectorMath.Lerp(m, g, _w1, _oneMinusW1, _w1Small);
            v = v * _beta2 + _oneMinusBeta2 * g * g;
            var denom = T.Sqrt(v / _bc2) + _eps;
            p += _gradScale * (g / denom);
            p += _avgScale * (m / denom);
        }
    }

    private readonly struct Rule<T> : IFusedUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _weightDecay, _w1, _oneMinusW1, _beta2, _oneMinusBeta2, _bc2, _eps, _gradScale, _avgScale;
        private readonly bool _hasWeightDecay, _w1Small;

        public Rule(ParamGroup g, Coefficients c)
        {
            _weightDecay = V(g.WeightDecay);
            _hasWeightDecay = g.WeightDecay != 0;
            _w1 = V(1 - g.Beta1);
            _oneMinusW1 = V(1 - (1 - g.Beta1));
            _w1Small = Math.Abs(1 - g.Beta1) < 0.5;
            _beta2 = V(g.Beta2);
            _oneMinusBeta2 = V(1 - g.Beta2);
            _bc2 = V(c.BiasCorrection2);
            _eps = V(g.Eps);
            _gradScale = V(c.GradScale);
            _avgScale = V(c.AvgScale);
        }

        private static Vector<T> V(double x) => new(T.CreateTruncating(x));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<T> p, Vector<T> g, ref Vector<T> m, ref Vector<T> v, ref Vector<T> unused)
        {
            if (_hasWeightDecay) g += _weightDecay * p;
            m = VectorMath.Lerp(m, g, _w1, _oneMinusW1, _w1Small);
            v = v * _beta2 + _oneMinusBeta2 * g * g;
            var denom = Vector.SquareRoot(v / _bc2) + _eps;
            p += _gradScale * (g / denom);
            p += _avgScale * (m / denom);
        }
    }
}
