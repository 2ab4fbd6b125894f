namespace StaticNet.Autograd;

/// <summary>
/// y = x̂·w + b with x̂ = (x − μ)·σ⁻¹ per channel (dimension 1), σ⁻¹ = 1/√(var + eps); reductions run over every
/// dimension but 1, M elements per channel. dl/db = Σ g, dl/dw = Σ g·x̂, and with ĝ = g·w:
/// training (μ, var are the batch's, biased): dl/dx = σ⁻¹·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂));
/// evaluation (μ, var are constants: the running statistics): dl/dx = σ⁻¹·ĝ.
/// </summary>
internal sealed class NativeBatchNormBackward0 : Node
{
    private readonly InputInfo _input, _weight, _bias;
    private readonly bool _training, _hasWeight;
    private SavedTensor _savedInput, _savedWeight, _mean, _invStd;

    /// <param name="input">x, [N, C, *].</param>
    /// <param name="weight">w, [C], or null.</param>
    /// <param name="bias">b, [C], or null.</param>
    /// <param name="mean">μ broadcastable to x ([1, C, 1, ...]); a tensor nothing else writes to.</param>
    /// <param name="invStd">σ⁻¹, same shape as <paramref name="mean"/>.</param>
    /// <param name="training">Whether μ and var are the batch statistics (they then depend on x).</param>
    public NativeBatchNormBackward0(Tensor input, Tensor? weight, Tensor? bias, Tensor mean, Tensor invStd, bool training)
    {
        _input = new(input);
        _hasWeight = weight is not null;
        _weight = weight is null ? default : new(weight);
        _bias = bias is null ? default : new(bias);
        _training = training;
        _savedInput = new SavedTensor(input);
        if (weight is not null) _savedWeight = new SavedTensor(weight);
        _mean = new SavedTensor(mean);
        _invStd = new SavedTensor(invStd);
    }

    public override string Name => "NativeBatchNormBackward0";

    internal override Tensor?[] Apply(Tensor g)
    {
        var x = _savedInput.Unpack(this);
        var invStd = _invStd.Unpack(this);
        var dims = ReducedDims(x.Dim);
        var xHat = (x - _mean.Unpack(this)) * invStd;
        Tensor? gradInput = null, gradWeight = null, gradBias = null;
        if (_input.RequiresGrad)
        {
            var gHat = _hasWeight ? g * _savedWeight.Unpack(this).Reshape(invStd.ShapeArray) : g;
            gradInput = _training
                ? (gHat - gHat.Mean(dims, keepDim: true) - xHat * (gHat * xHat).Mean(dims, keepDim: true)) * invStd
                : gHat * invStd;
            gradInput = _input.Reduce(gradInput);
        }
        if (_weight.RequiresGrad) gradWeight = _weight.Reduce((g * xHat).Sum(dims));
        if (_bias.RequiresGrad) gradBias = _bias.Reduce(g.Sum(dims));
        return [gradInput, gradWeight, gradBias];
    }

    /// <summary>Every dimension but the channel dimension 1.</summary>
    internal static int[] ReducedDims(int rank) => [0, .. Enumerable.Range(2, rank - 2)];

    internal override void Release()
    {
        _savedInput.Release();
        _savedWeight.Release();
        _mean.Release();
        _invStd.Release();
    }
}
