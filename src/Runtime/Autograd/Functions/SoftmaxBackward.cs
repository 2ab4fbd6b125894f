using StaticNet.Kernels;

namespace StaticNet.Autograd;

/// <summary>y = softmax(x) along d: dx = y·(g − Σ_d g·y). Saves only the output, as PyTorch does.</summary>
internal sealed class SoftmaxBackward0(Tensor result, int dim) : Node
{
    private SavedTensor _result = new(result);
    public override string Name => "SoftmaxBackward0";
    internal override Tensor?[] Apply(Tensor g) => [Backends.Of(g).SoftmaxBackward(g, _result.Unpack(this), dim, log: false)];
    internal override void Release() => _result.Release();
}

/// <summary>y = log_softmax(x) along d: dx = g − exp(y)·Σ_d g.</summary>
internal sealed class LogSoftmaxBackward0(Tensor result, int dim) : Node
{
    private SavedTensor _result = new(result);
    public override string Name => "LogSoftmaxBackward0";
    internal override Tensor?[] Apply(Tensor g) => [Backends.Of(g).SoftmaxBackward(g, _result.Unpack(this), dim, log: true)];
    internal override void Release() => _result.Release();
}
