using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

public static partial class Torch
{
    /// <summary>x + y; with <paramref name="out"/> the result is written there (<c>torch.add(x, y, out=r)</c>).</summary>
    /// <exception cref="InvalidOperationException">With <paramref name="out"/> while an argument requires grad (out= is not differentiable).</exception>
    public static Tensor Add(Tensor x, Tensor y, Tensor? @out = null)
    {
        if (@out is null) return x.Add(y);
        CheckOutNotDifferentiable("add", x, y, @out);
        return Elementwise.Binary<AddOperator>("add", x, y, into: @out);
    }

    /// <summary>x - y, optionally into <paramref name="out"/>.</summary>
    /// <exception cref="InvalidOperationException">With <paramref name="out"/> while an argument requires grad.</exception>
    public static Tensor Sub(Tensor x, Tensor y, Tensor? @out = null)
    {
        if (@out is null) return x.Sub(y);
        CheckOutNotDifferentiable("sub", x, y, @out);
        return Elementwise.Binary<SubtractOperator>("sub", x, y, into: @out);
    }

    /// <summary>x * y, optionally into <paramref name="out"/>.</summary>
    /// <exception cref="InvalidOperationException">With <paramref name="out"/> while an argument requires grad.</exception>
    public static Tensor Mul(Tensor x, Tensor y, Tensor? @out = null)
    {
        if (@out is null) return x.Mul(y);
        CheckOutNotDifferentiable("mul", x, y, @out);
        return Elementwise.Binary<MultiplyOperator>("mul", x, y, into: @out);
    }

    /// <summary>x / y (true division), optionally into <paramref name="out"/>.</summary>
    /// <exception cref="InvalidOperationException">With <paramref name="out"/> while an argument requires grad.</exception>
    public static Tensor Div(Tensor x, Tensor y, Tensor? @out = null)
    {
        if (@out is null) return x.Div(y);
        CheckOutNotDifferentiable("div", x, y, @out);
        var t = TypePromotion.ResultType(x, y);
        return Elementwise.Binary<DivideOperator>("div", x, y, into: @out, computeIn: t.IsFloatingPoint() ? t : DType.Float32);
    }

    /// <summary>Writing into out= records no graph, so it is refused while recording would be needed (PyTorch's rule).</summary>
    private static void CheckOutNotDifferentiable(string op, Tensor x, Tensor y, Tensor @out)
    {
        if (Graph.ShouldRecord(x, y, @out))
            throw new InvalidOperationException(
                $"{op}(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.");
    }

    /// <summary>Element-wise maximum (<c>torch.maximum</c>).</summary>
    public static Tensor Maximum(Tensor x, Tensor y) => x.Maximum(y);
    /// <summary>Element-wise minimum (<c>torch.minimum</c>).</summary>
    public static Tensor Minimum(Tensor x, Tensor y) => x.Minimum(y);
    /// <summary>x to the power y.</summary>
    public static Tensor Pow(Tensor x, Tensor y) => x.Pow(y);
    /// <summary>A number to the power of each element (Python's <c>2.5 ** y</c>); records <c>PowBackward1</c> with no edge for the number.</summary>
    public static Tensor Pow(double x, Tensor y) => Wrap(x).Pow(y);
    /// <summary>An integer to the power of each element (Python's <c>2 ** y</c>; an integer <paramref name="y"/> stays integral).</summary>
    public static Tensor Pow(long x, Tensor y) => Wrap(x).Pow(y);
    /// <summary>e^x.</summary>
    public static Tensor Exp(Tensor x) => x.Exp();
    /// <summary>Natural logarithm.</summary>
    public static Tensor Log(Tensor x) => x.Log();
    /// <summary>Square root.</summary>
    public static Tensor Sqrt(Tensor x) => x.Sqrt();
    /// <summary>Sine.</summary>
    public static Tensor Sin(Tensor x) => x.Sin();
    /// <summary>Cosine.</summary>
    public static Tensor Cos(Tensor x) => x.Cos();
    /// <summary>Hyperbolic tangent.</summary>
    public static Tensor Tanh(Tensor x) => x.Tanh();
    /// <summary>Logistic sigmoid.</summary>
    public static Tensor Sigmoid(Tensor x) => x.Sigmoid();
    /// <summary>max(x, 0).</summary>
    public static Tensor Relu(Tensor x) => x.Relu();
    /// <summary>|x|.</summary>
    public static Tensor Abs(Tensor x) => x.Abs();
    /// <summary>Clamp to [min, max].</summary>
    public static Tensor Clamp(Tensor x, double? min = null, double? max = null) => x.Clamp(min, max);

    /// <summary>Elements of <paramref name="x"/> where <paramref name="condition"/> is true, else of <paramref name="y"/>; all three broadcast (<c>torch.where</c>).</summary>
    public static Tensor Where(Tensor condition, Tensor x, Tensor y)
    {
        if (condition.DType != DType.Bool)
            throw new ArgumentException($"where: expected condition to be a bool tensor, but got a tensor of dtype {condition.DType.PyTorchName()}.");
        Devices.CheckSame("where", x, y);
        var dtype = TypePromotion.ResultType(x, y);
        var shape = ShapeUtil.Broadcast(ShapeUtil.Broadcast(condition.ShapeSpan, x.ShapeSpan), y.ShapeSpan);
        Devices.CheckSame("where", condition, x);
        Devices.CheckSame("where", condition, y);
        var result = new Tensor(shape, dtype, Devices.Common(Devices.Common(x, y) == x.Device ? x : y, condition), zeroed: false);
        Backends.Of(result).Where(Devices.Move(condition, result), Devices.Move(x, result).Cast(dtype), Devices.Move(y, result).Cast(dtype), result);
        return Graph.ShouldRecord(x, y) ? Graph.Record(result, new WhereBackward0(condition, x, y), x, y) : result;
    }
}
