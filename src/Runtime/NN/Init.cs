namespace StaticNet.NN;

/// <summary>Which fan Kaiming initialisation preserves (PyTorch's <c>mode='fan_in'|'fan_out'</c>).</summary>
public enum FanMode
{
    /// <summary>Preserve the variance of activations in the forward pass.</summary>
    FanIn,
    /// <summary>Preserve the variance of gradients in the backward pass.</summary>
    FanOut,
}

/// <summary>
/// Parameter initialisation (PyTorch's <c>torch.nn.init</c>). Every function fills its tensor in place without
/// recording autograd history, draws from <see cref="Generator.Default"/> (so <c>Torch.ManualSeed</c> reproduces
/// PyTorch's numbers) and returns the tensor.
/// </summary>
public static class Init
{
    /// <summary>Uniform values in [a, b).</summary>
    public static Tensor Uniform_(Tensor t, double a = 0, double b = 1) { using (Torch.NoGrad()) return t.Uniform_(a, b); }

    /// <summary>Normal values.</summary>
    public static Tensor Normal_(Tensor t, double mean = 0, double std = 1) { using (Torch.NoGrad()) return t.Normal_(mean, std); }

    /// <summary>A constant.</summary>
    public static Tensor Constant_(Tensor t, double value) { using (Torch.NoGrad()) return t.Fill_(value); }

    /// <summary>Zeros.</summary>
    public static Tensor Zeros_(Tensor t) => Constant_(t, 0);

    /// <summary>Ones.</summary>
    public static Tensor Ones_(Tensor t) => Constant_(t, 1);

    /// <summary>The recommended gain for a nonlinearity (<c>calculate_gain</c>): relu √2, tanh 5/3, leaky_relu √(2/(1+a²)), else 1.</summary>
    public static double CalculateGain(string nonlinearity, double? param = null) => nonlinearity switch
    {
        "linear" or "conv1d" or "conv2d" or "conv3d" or "sigmoid" => 1,
        "tanh" => 5.0 / 3,
        "relu" => Math.Sqrt(2),
        "leaky_relu" => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
        "selu" => 3.0 / 4,
        _ => throw new ArgumentException($"Unsupported nonlinearity {nonlinearity}", nameof(nonlinearity)),
    };

    /// <summary>(fan_in, fan_out) of a weight: [out, in, k...] gives fan_in = in·∏k, fan_out = out·∏k.</summary>
    public static (long FanIn, long FanOut) CalculateFanInAndFanOut(Tensor t)
    {
        if (t.Dim < 2)
            throw new ArgumentException($"Fan in and fan out can not be computed for tensor with fewer than 2 dimensions (shape {t.Shape}).");
        long receptive = 1;
        for (int i = 2; i < t.Dim; i++) receptive *= t.Size(i);
        return (t.Size(1) * receptive, t.Size(0) * receptive);
    }

    /// <summary>Kaiming (He) uniform: U(−bound, bound) with bound = gain·√(3/fan). PyTorch's layers use a = √5.</summary>
    public static Tensor KaimingUniform_(Tensor t, double a = 0, FanMode mode = FanMode.FanIn, string nonlinearity = "leaky_relu")
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(t);
        double std = CalculateGain(nonlinearity, a) / Math.Sqrt(mode == FanMode.FanIn ? fanIn : fanOut);
        double bound = Math.Sqrt(3.0) * std;
        return Uniform_(t, -bound, bound);
    }

    /// <summary>Kaiming (He) normal: N(0, (gain/√fan)²).</summary>
    public static Tensor KaimingNormal_(Tensor t, double a = 0, FanMode mode = FanMode.FanIn, string nonlinearity = "leaky_relu")
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(t);
        return Normal_(t, 0, CalculateGain(nonlinearity, a) / Math.Sqrt(mode == FanMode.FanIn ? fanIn : fanOut));
    }

    /// <summary>Xavier (Glorot) uniform: U(−a, a) with a = gain·√(6/(fan_in + fan_out)).</summary>
    public static Tensor XavierUniform_(Tensor t, double gain = 1)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(t);
        double a = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        return Uniform_(t, -a, a);
    }

    /// <summary>Xavier (Glorot) normal: N(0, gain²·2/(fan_in + fan_out)).</summary>
    public static Tensor XavierNormal_(Tensor t, double gain = 1)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(t);
        return Normal_(t, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)));
    }
}
