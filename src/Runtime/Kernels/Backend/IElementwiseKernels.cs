using System.Numerics;

namespace StaticNet.Kernels;

/// <summary>Element-wise maps: destination = op(operands), with broadcasting and any strides.</summary>
/// <remarks>Operands already have the compute dtype T; the destination has the broadcast shape.</remarks>
internal interface IElementwiseKernels
{
    /// <summary>destination = TOp(x, y).</summary>
    void Binary<T, TOp>(Tensor x, Tensor y, Tensor destination) where T : unmanaged, INumber<T> where TOp : IBinaryOperator;

    /// <summary>destination = TOp(x) for a numeric op (neg, abs, relu, sign).</summary>
    void Unary<T, TOp>(Tensor x, Tensor destination) where T : unmanaged, INumber<T> where TOp : IUnaryOperator;

    /// <summary>destination = TOp(x) for a floating op (exp, log, sqrt, tanh, sigmoid, ...).</summary>
    void FloatUnary<T, TOp>(Tensor x, Tensor destination) where T : unmanaged, IFloatingPointIeee754<T> where TOp : IFloatUnaryOperator;

    /// <summary>destination (Bool) = TOp(x, y).</summary>
    void Compare<T, TOp>(Tensor x, Tensor y, Tensor destination) where T : unmanaged, INumber<T> where TOp : ICompareOperator;

    /// <summary>destination = condition ? x : y (x, y and destination share a dtype; condition is Bool).</summary>
    void Where(Tensor condition, Tensor x, Tensor y, Tensor destination);

    /// <summary>destination = x &gt;= 0 ? x : slope·x (destination may be x).</summary>
    void LeakyRelu(Tensor x, double slope, Tensor destination);

    /// <summary>The gradient of <see cref="LeakyRelu"/>: g where x &gt; 0, else slope·g.</summary>
    Tensor LeakyReluBackward(Tensor g, Tensor x, double slope);

    /// <summary>GELU, exact (erf) or with the tanh approximation.</summary>
    Tensor Gelu(Tensor x, bool tanh);

    /// <summary>The gradient of <see cref="Gelu"/>.</summary>
    Tensor GeluBackward(Tensor g, Tensor x, bool tanh);
}
