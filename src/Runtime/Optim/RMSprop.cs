using StaticNet.Kernels;
using System.Numerics;
using System.Runtime.CompilerServices;
using StaticNet.Optim.Kernels;

namespace StaticNet.Optim;

/// <summary>
/// RMSprop (<c>torch.optim.RMSprop</c>): <c>v ← αv + (1 − α)g²</c>; centered, <c>ḡ ← lerp(ḡ, g, 1 − α)</c> and the
/// denominator is <c>√(v − ḡ²) + ε</c>, else <c>√v + ε</c>; with momentum <c>b ← μb + g/denom, θ ← θ − γb</c>, else
/// <c>θ ← θ − γ g/denom</c>.
/// </summary>
/// <remarks>State per parameter: <c>step</c>, <c>square_avg</c>, <c>momentum_buffer</c> (momentum &gt; 0), <c>grad_avg</c> (centered).</remarks>
public sealed class RMSprop : Optimizer
{
    /// <summary>Optimizes <paramref name="parameters"/> with one set of hyperparameters.</summary>
    /// <param name="parameters">The tensors to optimize (<c>model.Parameters()</c>).</param>
    /// <param name="lr">Learning rate γ.</param>
    /// <param name="alpha">Smoothing constant α.</param>
    /// <param name="eps">Added to the denominator for numerical stability.</param>
    /// <param name="weightDecay">L2 penalty λ.</param>
    /// <param name="momentum">Momentum factor μ.</param>
    /// <param name="centered">Normalize by the estimated variance of the gradient.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0,
        double momentum = 0, bool centered = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, alpha, eps, weightDecay, momentum, centered, maximize)
    {
    }

    /// <summary>Optimizes parameter groups; options a group does not set take these values.</summary>
    /// <param name="paramGroups">The groups, each with its parameters and overriding options.</param>
    /// <param name="lr">Learning rate γ.</param>
    /// <param name="alpha">Smoothing constant α.</param>
    /// <param name="eps">Added to the denominator for numerical stability.</param>
    /// <param name="weightDecay">L2 penalty λ.</param>
    /// <param name="momentum">Momentum factor μ.</param>
    /// <param name="centered">Normalize by the estimated variance of the gradient.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public RMSprop(IEnumerable<ParamGroup> paramGroups, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0,
        double momentum = 0, bool centered = false, bool maximize = false)
        : base(paramGroups, new ParamGroup
        {
            Lr = lr, Momentum = momentum, Alpha = alpha, Eps = eps, Centered = centered, WeightDecay = weightDecay, Maximize = maximize,
        })
    {
    }

    private protected override void Validate(ParamGroup group)
    {
        CheckRange(group.Lr >= 0, "learning rate", group.Lr);
        CheckRange(group.Eps >= 0, "epsilon value", group.Eps);
        CheckRange(group.Momentum >= 0, "momentum value", group.Momentum);
        CheckRange(group.WeightDecay >= 0, "weight_decay value", group.WeightDecay);
        CheckRange(group.Alpha >= 0, "alpha value", group.Alpha);
    }

    private protected override void Update(ParamGroup group, Tensor param, Tensor grad, StateDict state)
    {
        if (state.Count == 0)
        {
            state["step"] = ScalarSlot(0);
            state["square_avg"] = ZerosLike(param);
        }
        // Buffers for options switched on after the first step start at zero, as at initialisation.
        if (group.Momentum > 0 && !state.ContainsKey("momentum_buffer")) state["momentum_buffer"] = ZerosLike(param);
        if (group.Centered && !state.ContainsKey("grad_avg")) state["grad_avg"] = ZerosLike(param);
        IncrementStep(state);
        var squareAvg = state["square_avg"];
        var buffer = group.Momentum > 0 ? state["momentum_buffer"] : null;
        var gradAvg = group.Centered ? state["grad_avg"] : null;
        squareAvg.Storage.BumpVersion();
        buffer?.Storage.BumpVersion();
        gradAvg?.Storage.BumpVersion();
        if (param.DType == DType.Float32) Run<float>(group, param, grad, squareAvg, buffer, gradAvg);
        else Run<double>(group, param, grad, squareAvg, buffer, gradAvg);
    }

    private static void Run<T>(ParamGroup group, Tensor param, Tensor grad, Tensor squareAvg, Tensor? buffer, Tensor? gradAvg)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Backends.Of(param).FusedUpdate<T, Rule<T>, ElementRule<T>>(new Rule<T>(group), new ElementRule<T>(group), param, grad, squareAvg,
            buffer, gradAvg);

    /// <summary><see cref="Rule{T}"/> for one element (the device kernels; internal, not private: ILGPU's launcher assembly must see it).</summary>
    internal readonly struct ElementRule<T> : IElementUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T _negLr, _alpha, _oneMinusAlpha, _alphaAsOneMinusWeight, _eps, _weightDecay, _momentum;
        private readonly KernelFlag _maximize, _hasWeightDecay, _centered, _hasMomentum, _weightSmall;

        public ElementRule(ParamGroup g)
        {
            _negLr = T.CreateTruncating(-g.Lr);
            _alpha = T.CreateTruncating(g.Alpha);
            _oneMinusAlpha = T.CreateTruncating(1 - g.Alpha);
            _alphaAsOneMinusWeight = T.CreateTruncating(1 - (1 - g.Alpha));
            _weightSmall = Math.Abs(1 - g.Alpha) < 0.5;
            _eps = T.CreateTruncating(g.Eps);
            _weightDecay = T.CreateTruncating(g.WeightDecay);
            _momentum = T.CreateTruncating(g.Momentum);
            (_maximize, _hasWeightDecay, _centered, _hasMomentum) = (g.Maximize, g.WeightDecay != 0, g.Centered, g.Momentum > 0);
        }

        public void Apply(ref T p, T g, ref T squareAvg, ref T buf, ref T gradAvg)
        {
            if (_maximize) g = -g;
            if (_hasWeightDecay) g += _weightDecay * p;
            squareAvg = squareAvg * _alpha + _oneMinusAlpha * g * g;
            T avg;
            if (_centered)
            {
                gradAvg = VectorMath.Lerp(gradAvg, g, _oneMinusAlpha, _alphaAsOneMinusWeight, _weightSmall);
                avg = T.Sqrt(squareAvg - gradAvg * gradAvg);
            }
            else avg = T.Sqrt(squareAvg);
            avg += _eps;
            if (_hasMomentum)
            {
                buf = buf * _momentum + g / avg;
                p += _negLr * buf;
            }
            else p += _negLr * (g / avg);
        }
    }

    private readonly struct Rule<T> : IFusedUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _negLr, _alpha, _oneMinusAlpha, _alphaAsOneMinusWeight, _eps, _weightDecay, _momentum;
        private readonly bool _maximize, _hasWeightDecay, _centered, _hasMomentum, _weightSmall;

        public Rule(ParamGroup g)
        {
            _negLr = V(-g.Lr);
            _alpha = V(g.Alpha);
            _oneMinusAlpha = V(1 - g.Alpha);
            _alphaAsOneMinusWeight = V(1 - (1 - g.Alpha));
            _weightSmall = Math.Abs(1 - g.Alpha) < 0.5;
            _eps = V(g.Eps);
            _weightDecay = V(g.WeightDecay);
            _momentum = V(g.Momentum);
            (_maximize, _hasWeightDecay, _centered, _hasMomentum) = (g.Maximize, g.WeightDecay != 0, g.Centered, g.Momentum > 0);
        }

        private static Vector<T> V(double x) => new(T.CreateTruncating(x));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<T> p, Vector<T> g, ref Vector<T> squareAvg, ref Vector<T> buf, ref Vector<T> gradAvg)
        {
            if (_maximize) g = -g;
            if (_hasWeightDecay) g += _weightDecay * p;
            squareAvg = squareAvg * _alpha + _oneMinusAlpha * g * g;
            Vector<T> avg;
            if (_centered)
            {
                gradAvg = VectorMath.Lerp(gradAvg, g, _oneMinusAlpha, _alphaAsOneMinusWeight, _weightSmall);
                avg = Vector.SquareRoot(squareAvg - gradAvg * gradAvg);
            }
            else avg = Vector.SquareRoot(squareAvg);
            avg += _eps;
            if (_hasMomentum)
            {
                buf = buf * _momentum + g / avg;
                p += _negLr * buf;
            }
            else p += _negLr * (g / avg);
        }
    }
}
