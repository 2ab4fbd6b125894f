namespace StaticNet.Autograd;

/// <summary>
/// l = reduce((x − y)²): dl/dx = 2(x − y)·g (divided by the element count for the mean), dl/dy = −dl/dx.
/// </summary>
internal sealed class MseLossBackward0(Tensor input, Tensor target, LossReduction reduction)
    : PointwiseLossBackward(input, target, weight: null, reduction)
{
    public override string Name => "MseLossBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var (x, y, scale) = Unpack(g);
        var grad = (x - y) * 2.0 * scale;
        return [Self.Reduce(grad), Target.RequiresGrad ? Target.Reduce(grad.Neg()) : null];
    }
}
