using StaticNet.Kernels;
using System.Numerics;
using System.Runtime.CompilerServices;
using StaticNet.Optim.Kernels;

namespace StaticNet.Optim;

/// <summary>
/// Adagrad (<c>torch.optim.Adagrad</c>): <c>γ̃ = γ/(1 + (t − 1)η); s ← s + g²; θ ← θ − γ̃ g/(√s + ε)</c>.
/// </summary>
/// <remarks>
/// State per parameter: <c>step</c> and <c>sum</c>, created for every parameter when its group joins (as PyTorch's
/// constructor does), with <c>sum</c> filled with the initial accumulator value.
/// </remarks>
public sealed class Adagrad : Optimizer
{
    /// <summary>Optimizes <paramref name="parameters"/> with one set of hyperparameters.</summary>
    /// <param name="parameters">The tensors to optimize (<c>model.Parameters()</c>).</param>
    /// <param name="lr">Learning rate γ.</param>
    /// <param name="lrDecay">Learning-rate decay η.</param>
    /// <param name="weightDecay">L2 penalty λ.</param>
    /// <param name="initialAccumulatorValue">Starting value of the squared-gradient sums.</param>
    /// <param name="eps">Added to the denominator for numerical stability.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public Adagrad(IEnumerable<Tensor> parameters, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0,
        double initialAccumulatorValue = 0, double eps = 1e-10, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize)
    {
    }

    /// <summary>Optimizes parameter groups; options a group does not set take these values.</summary>
    /// <param name="paramGroups">The groups, each with its parameters and overriding options.</param>
    /// <param name="lr">Learning rate γ.</param>
    /// <param name="lrDecay">Learning-rate decay η.</param>
    /// <param name="weightDecay">L2 penalty λ.</param>
    /// <param name="initialAccumulatorValue">Starting value of the squared-gradient sums.</param>
    /// <param name="eps">Added to the denominator for numerical stability.</param>
    /// <param name="maximize">Maximize the objective instead of minimizing it.</param>
    public Adagrad(IEnumerable<ParamGroup> paramGroups, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0,
        double initialAccumulatorValue = 0, double eps = 1e-10, bool maximize = false)
        : base(paramGroups, new ParamGroup
        {
            Lr = lr, LrDecay = lrDecay, Eps = eps, WeightDecay = weightDecay, InitialAccumulatorValue = initialAccumulatorValue, Maximize = maximize,
        })
    {
    }

    private protected override void Validate(ParamGroup group)
    {
        CheckRange(group.Lr >= 0, "learning rate", group.Lr);
        CheckRange(group.LrDecay >= 0, "lr_decay value", group.LrDecay);
        CheckRange(group.WeightDecay >= 0, "weight_decay value", group.WeightDecay);
        CheckRange(group.InitialAccumulatorValue >= 0, "initial_accumulator_value value", group.InitialAccumulatorValue);
        CheckRange(group.Eps >= 0, "epsilon value", group.Eps);
    }

    private protected override void OnGroupAdded(ParamGroup group)
    {
        foreach (var p in group.ParamArray) Initialize(group, p, StateOf(p));
    }

    private static void Initialize(ParamGroup group, Tensor param, StateDict state)
    {
        if (state.Count != 0) return;
        state["step"] = ScalarSlot(0);
        var sum = ZerosLike(param);
        if (group.InitialAccumulatorValue != 0) sum.Fill_(group.InitialAccumulatorValue);
        state["sum"] = sum;
    }

    private protected override void Update(ParamGroup group, Tensor param, Tensor grad, StateDict state)
    {
        Initialize(group, param, state); // a state dict without this parameter's entry leaves it empty
        double step = IncrementStep(state);
        double clr = group.Lr / (1 + (step - 1) * group.LrDecay);
        var sum = state["sum"];
        sum.Storage.BumpVersion();
        if (param.DType == DType.Float32) Run<float>(group, clr, param, grad, sum);
        else Run<double>(group, clr, param, grad, sum);
    }

    private static void Run<T>(ParamGroup group, double clr, Tensor param, Tensor grad, Tensor sum)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Backends.Of(param).FusedUpdate<T, Rule<T>, ElementRule<T>>(new Rule<T>(group, clr), new ElementRule<T>(group, clr), param, grad, sum);

    /// <summary><see cref="Rule{T}"/> for one element (the device kernels; internal, not private: ILGPU's launcher assembly must see it).</summary>
    internal readonly struct ElementRule<T> : IElementUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T _negClr, _eps, _weightDecay;
        private readonly KernelFlag _maximize, _hasWeightDecay;

        public ElementRule(ParamGroup g, double clr)
        {
            _negClr = T.CreateTruncating(-clr);
            _eps = T.CreateTruncating(g.Eps);
            _weightDecay = T.CreateTruncating(g.WeightDecay);
            (_maximize, _hasWeightDecay) = (g.Maximize, g.WeightDecay != 0);
        }

        public void Apply(ref T p, T g, ref T sum, ref T unused1, ref T unused2)
        {
            if (_maximize) g = -g;
            if (_hasWeightDecay) g += _weightDecay * p;
            sum += g * g;
            p += _negClr * (g / (T.Sqrt(sum) + _eps));
        }
    }

    private readonly struct Rule<T> : IFusedUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _negClr, _eps, _weightDecay;
        private readonly bool _maximize, _hasWeightDecay;

        public Rule(ParamGroup g, double clr)
        {
            _negClr = new Vector<T>(T.CreateTruncating(-clr));
            _eps = new Vector<T>(T.CreateTruncating(g.Eps));
            _weightDecay = new Vector<T>(T.CreateTruncating(g.WeightDecay));
            (_maximize, _hasWeightDecay) = (g.Maximize, g.WeightDecay != 0);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<T> p, Vector<T> g, ref Vector<T> sum, ref Vector<T> unused1, ref Vector<T> unused2)
        {
            if (_maximize) g = -g;
            if (_hasWeightDecay) g += _weightDecay * p;
            sum += g * g;
            p += _negClr * (g / (Vector.SquareRoot(sum) + _eps));
        }
    }
}
