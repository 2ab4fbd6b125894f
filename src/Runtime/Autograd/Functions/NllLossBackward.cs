using StaticNet.Kernels;

namespace StaticNet.Autograd;

/// <summary>
/// l[n, i] = −w[t]·x[n, t, i] with t = target[n, i] (0 where t is ignored), then reduced (the mean divides by the
/// sum of the counted targets' weights): dl/dx[n, c, i] = −w[t]·g (÷ total weight for the mean) where c = t, else 0.
/// The target and the weight are not differentiable. PyTorch names the node after the kernel: NllLossBackward0 for
/// [C] and [N, C] inputs, NllLoss2DBackward0 for inputs with spatial dimensions.
/// </summary>
internal abstract class NllLossBackwardBase : Node
{
    private readonly InputInfo _self;
    private readonly LossReduction _reduction;
    private readonly long _classes, _inner, _ignoreIndex;
    private readonly double _totalWeight;
    private SavedTensor _target, _weight;
    private readonly bool _hasWeight;

    /// <param name="self">The log-probabilities (any shape whose [N, C, inner] view the kernel used).</param>
    /// <param name="target">Contiguous Int64 targets.</param>
    /// <param name="weight">Contiguous [C] weights or null.</param>
    protected NllLossBackwardBase(Tensor self, Tensor target, Tensor? weight, LossReduction reduction, long classes, long inner, long ignoreIndex, double totalWeight)
    {
        _self = new(self);
        _target = new SavedTensor(target);
        _hasWeight = weight is not null;
        if (weight is not null) _weight = new SavedTensor(weight);
        _reduction = reduction;
        _classes = classes;
        _inner = inner;
        _ignoreIndex = ignoreIndex;
        _totalWeight = totalWeight;
    }

    internal override Tensor?[] Apply(Tensor g)
    {
        var scale = (_reduction == LossReduction.Mean ? g / _totalWeight : g).To(_self.DType).Contiguous();
        var grad = Backends.Of(scale).NllLossBackward(_self.Shape, _self.DType, _target.Unpack(this), _hasWeight ? _weight.Unpack(this) : null,
            scale, _classes, _inner, _ignoreIndex);
        return [grad];
    }

    internal override void Release()
    {
        _target.Release();
        _weight.Release();
    }
}

/// <summary>The negative log-likelihood of [C] or [N, C] log-probabilities (see <see cref="NllLossBackwardBase"/>).</summary>
internal sealed class NllLossBackward0(Tensor self, Tensor target, Tensor? weight, LossReduction reduction, long classes, long inner, long ignoreIndex, double totalWeight)
    : NllLossBackwardBase(self, target, weight, reduction, classes, inner, ignoreIndex, totalWeight)
{
    public override string Name => "NllLossBackward0";
}

/// <summary>The negative log-likelihood of [N, C, d1, ...] log-probabilities (see <see cref="NllLossBackwardBase"/>).</summary>
internal sealed class NllLoss2DBackward0(Tensor self, Tensor target, Tensor? weight, LossReduction reduction, long classes, long inner, long ignoreIndex, double totalWeight)
    : NllLossBackwardBase(self, target, weight, reduction, classes, inner, ignoreIndex, totalWeight)
{
    public override string Name => "NllLoss2DBackward0";
}
