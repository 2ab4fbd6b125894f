using StaticNet.Kernels;
using System.Numerics;
using System.Runtime.CompilerServices;
using StaticNet.Optim.Kernels;

namespace StaticNet.Optim;

/// <summary>
/// Stochastic gradient descent, optionally with momentum and Nesterov momentum (<c>torch.optim.SGD</c>):
/// <c>g ← ∇ + λθ; b ← μb + (1 − τ)g (b₁ = g); g ← nesterov ? g + μb : b; θ ← θ − γg</c>.
/// </summary>
/// <remarks>State per parameter: <c>momentum_buffer</c> (only with momentum).</remarks>
public sealed class SGD : Optimizer
{
    /// <summary>Optimizes <paramref name="parameters"/> with one set of hyperparameters.</summary>
    /// <param name="parameters">The tensors to optimize (<c>model.Parameters()</c>).</param>
    /// <param name="lr">Learning rate γ.</param>
    /// <param name="momentum">Momentum factor μ.</param>
    /// <param name="dampening">Dampening τ for momentum.</param>
    /// <param name="weightDecay">L2 penalty λ.</param>
    /// <param name="nesterov">Use Nesterov momentum (needs momentum and zero dampening).</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0,
        bool nesterov = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, momentum, dampening, weightDecay, nesterov, maximize)
    {
    }

    /// <summary>Optimizes parameter groups; options a group does not set take these values.</summary>
    /// <param name="paramGroups">The groups, each with its parameters and overriding options.</param>
    /// <param name="lr">Learning rate γ.</param>
    /// <param name="momentum">Momentum factor μ.</param>
    /// <param name="dampening">Dampening τ for momentum.</param>
    /// <param name="weightDecay">L2 penalty λ.</param>
    /// <param name="nesterov">Use Nesterov momentum (needs momentum and zero dampening).</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public SGD(IEnumerable<ParamGroup> paramGroups, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0,
        bool nesterov = false, bool maximize = false)
        : base(paramGroups, new ParamGroup
        {
            Lr = lr, Momentum = momentum, Dampening = dampening, WeightDecay = weightDecay, Nesterov = nesterov, Maximize = maximize,
        })
    {
    }

    private protected override void Validate(ParamGroup group)
    {
        CheckRange(group.Lr >= 0, "learning rate", group.Lr);
        CheckRange(group.Momentum >= 0, "momentum value", group.Momentum);
        CheckRange(group.WeightDecay >= 0, "weight_decay value", group.WeightDecay);
        if (group.Nesterov && (group.Momentum <= 0 || group.Dampening != 0))
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening");
    }

    private protected override void Update(ParamGroup group, Tensor param, Tensor grad, StateDict state)
    {
        bool hasMomentum = group.Momentum != 0, first = false;
        if (hasMomentum && !state.ContainsKey("momentum_buffer"))
        {
            state["momentum_buffer"] = ZerosLike(param);
            first = true; // PyTorch starts the buffer at the (decayed) gradient itself
        }
        var buffer = hasMomentum ? state["momentum_buffer"] : null;
        buffer?.Storage.BumpVersion();
        if (param.DType == DType.Float32) Run<float>(group, param, grad, buffer, first);
        else Run<double>(group, param, grad, buffer, first);
    }

    private static void Run<T>(ParamGroup group, Tensor param, Tensor grad, Tensor? buffer, bool first)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Backends.Of(param).FusedUpdate<T, Rule<T>, ElementRule<T>>(new Rule<T>(group, first), new ElementRule<T>(group, first), param, grad, buffer);
    }

    /// <summary><see cref="Rule{T}"/> for one element (the device kernels; internal, not private: ILGPU's launcher assembly must see it).</summary>
    internal readonly struct ElementRule<T> : IElementUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T _negLr, _weightDecay, _momentum, _oneMinusDampening;
        private readonly KernelFlag _maximize, _hasWeightDecay, _hasMomentum, _first, _nesterov;

        public ElementRule(ParamGroup g, bool first)
        {
            _negLr = T.CreateTruncating(-g.Lr);
            _weightDecay = T.CreateTruncating(g.WeightDecay);
            _momentum = T.CreateTruncating(g.Momentum);
            _oneMinusDampening = T.CreateTruncating(1 - g.Dampening);
            (_maximize, _hasWeightDecay, _hasMomentum, _first, _nesterov) = (g.Maximize, g.WeightDecay != 0, g.Momentum != 0, first, g.Nesterov);
        }

        public void Apply(ref T p, T g, ref T buf, ref T unused1, ref T unused2)
        {
            var d = _maximize ? -g : g;
            if (_hasWeightDecay) d += _weightDecay * p;
            if (_hasMomentum)
            {
                buf = _first ? d : buf * _momentum + _oneMinusDampening * d;
                d = _nesterov ? d + _momentum * buf : buf;
            }
            p += _negLr * d;
        }
    }

    private readonly struct Rule<T> : IFusedUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _negLr, _weightDecay, _momentum, _oneMinusDampening;
        private readonly bool _maximize, _hasWeightDecay, _hasMomentum, _first, _nesterov;

        public Rule(ParamGroup g, bool first)
        {
            _negLr = new Vector<T>(T.CreateTruncating(-g.Lr));
            _weightDecay = new Vector<T>(T.CreateTruncating(g.WeightDecay));
            _momentum = new Vector<T>(T.CreateTruncating(g.Momentum));
            _oneMinusDampening = new Vector<T>(T.CreateTruncating(1 - g.Dampening));
            (_maximize, _hasWeightDecay, _hasMomentum, _first, _nesterov) = (g.Maximize, g.WeightDecay != 0, g.Momentum != 0, first, g.Nesterov);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<T> p, Vector<T> g, ref Vector<T> buf, ref Vector<T> unused1, ref Vector<T> unused2)
        {
            var d = _maximize ? -g : g;
            if (_hasWeightDecay) d += _weightDecay * p;
            if (_hasMomentum)
            {
                buf = _first ? d : buf * _momentum + _oneMinusDampening * d;
                d = _nesterov ? d + _momentum * buf : buf;
            }
            p += _negLr * d;
        }
    }
}
