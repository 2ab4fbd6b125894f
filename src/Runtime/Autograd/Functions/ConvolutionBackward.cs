using StaticNet.Kernels;

namespace StaticNet.Autograd;

/// <summary>
/// y = conv2d(x, W) + b, per group g and image n: Y_g = W_g · col(X_g) + b, where col is the im2col matrix.
/// dX_g = col2im(W_gᵀ · dY_g); dW_g = Σ_n dY_g · col(X_g)ᵀ; db[o] = Σ_{n,h,w} dY[n, o, h, w].
/// </summary>
internal sealed class ConvolutionBackward0 : Node
{
    private readonly InputInfo _input, _weight;
    private readonly bool _biasRequiresGrad;
    private readonly Conv2dGeometry _geometry;
    private SavedTensor _savedInput, _savedWeight;

    public ConvolutionBackward0(Tensor input, Tensor weight, Tensor? bias, Conv2dGeometry geometry)
    {
        _input = new(input);
        _weight = new(weight);
        _biasRequiresGrad = bias is { RequiresGrad: true };
        _geometry = geometry;
        _savedInput = new SavedTensor(input);
        _savedWeight = new SavedTensor(weight);
    }

    public override string Name => "ConvolutionBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var (dx, dw, db) = Backends.Of(g).Conv2dBackward(g, _savedInput.Unpack(this), _savedWeight.Unpack(this), _geometry,
            _input.RequiresGrad, _weight.RequiresGrad, _biasRequiresGrad);
        return [dx, dw, db];
    }

    internal override void Release()
    {
        _savedInput.Release();
        _savedWeight.Release();
    }
}
