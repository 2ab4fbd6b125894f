namespace StaticNet.Autograd;

/// <summary>
/// y = log_softmax(x, dim) = x − log Σ_dim exp(x): dy/dx applied to g is g − exp(y)·Σ_dim g
/// (softmax(x) = exp(y), so only the result is saved).
/// </summary>
internal sealed class LogSoftmaxBackward0 : Node
{
    private readonly InputInfo _self;
    private readonly int _dim;
    private SavedTensor _result;

    public LogSoftmaxBackward0(Tensor self, Tensor result, int dim)
    {
        _self = new(self);
        _dim = dim;
        _result = new SavedTensor(result);
    }

    public override string Name => "LogSoftmaxBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var y = _result.Unpack(this);
        if (y.Dim == 0) return [_self.Reduce(g * 0.0)]; // one class: log_softmax is constantly 0
        return [_self.Reduce(g - y.Exp() * g.Sum(_dim, keepDim: true))];
    }

    internal override void Release() => _result.Release();
}
