using System.Numerics;
using StaticNet.Kernels;

namespace StaticNet;

/// <summary>
/// The shared front half of every element-wise op: device check, type promotion, broadcasting, the
/// in-place/out= rules, then one dtype dispatch into the generic loops of Kernels/Cpu.
/// </summary>
internal static class Elementwise
{
    /// <summary>op(a, b) with broadcasting and PyTorch's promotion; writes into <paramref name="into"/> when given
    /// (an in-place op passes its own tensor; <c>out=</c> passes the user's).</summary>
    public static Tensor Binary<TOp>(string op, Tensor a, Tensor b, Tensor? into = null, bool inPlace = false, DType? computeIn = null)
        where TOp : IBinaryOperator
    {
        Devices.CheckSame(op, a, b);
        var dtype = computeIn ?? TypePromotion.ResultType(a, b);
        if (dtype == DType.Bool)
        {
            // Bool arithmetic: + is "or", * is "and", max/min are or/and; "-" on bools is an error in PyTorch.
            if (typeof(TOp) == typeof(SubtractOperator))
                throw new ArgumentException($"{op}: subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or LogicalXor() operator instead.");
        }
        var shape = ShapeUtil.Broadcast(a.ShapeSpan, b.ShapeSpan);
        var result = PrepareDestination(op, shape, dtype, Devices.Common(a, b), into, inPlace, out var writeBack);
        var x = Unalias(Devices.Move(a, result).Cast(dtype), result);
        var y = Unalias(Devices.Move(b, result).Cast(dtype), result);
        var action = new BinaryAction<TOp>(x, y, result);
        DTypeDispatch.Numeric(dtype, ref action);
        return Finish(result, into, writeBack);
    }

    public static Tensor Unary<TOp>(string op, Tensor a, Tensor? into = null, bool inPlace = false) where TOp : IUnaryOperator
    {
        var dtype = a.DType;
        if (dtype == DType.Bool) throw new ArgumentException($"{op}: not supported for bool tensors (shape {a.Shape}).");
        var result = PrepareDestination(op, a.ShapeArray, dtype, a.Device, into, inPlace, out var writeBack);
        var action = new UnaryAction<TOp>(Unalias(a, result), result);
        DTypeDispatch.Numeric(dtype, ref action);
        return Finish(result, into, writeBack);
    }

    /// <summary>A floating op: integral and bool inputs are computed in Float32, as PyTorch does (<c>arange(3).exp()</c> is float).</summary>
    public static Tensor FloatUnary<TOp>(string op, Tensor a, Tensor? into = null, bool inPlace = false) where TOp : IFloatUnaryOperator
    {
        var dtype = a.DType.IsFloatingPoint() ? a.DType : DType.Float32;
        var result = PrepareDestination(op, a.ShapeArray, dtype, a.Device, into, inPlace, out var writeBack);
        var action = new FloatUnaryAction<TOp>(Unalias(a.Cast(dtype), result), result);
        DTypeDispatch.Float(dtype, ref action);
        return Finish(result, into, writeBack);
    }

    public static Tensor Compare<TOp>(string op, Tensor a, Tensor b, Tensor? into = null) where TOp : ICompareOperator
    {
        Devices.CheckSame(op, a, b);
        var dtype = TypePromotion.ResultType(a, b);
        var shape = ShapeUtil.Broadcast(a.ShapeSpan, b.ShapeSpan);
        var result = PrepareDestination(op, shape, DType.Bool, Devices.Common(a, b), into, inPlace: false, out var writeBack);
        var action = new CompareAction<TOp>(Unalias(Devices.Move(a, result).Cast(dtype), result), Unalias(Devices.Move(b, result).Cast(dtype), result), result);
        DTypeDispatch.Numeric(dtype, ref action);
        return Finish(result, into, writeBack);
    }

    /// <summary>
    /// The tensor a kernel writes: a new one, or <paramref name="into"/> when its dtype matches. When it does not
    /// (an Int32 tensor receiving an Int64 result, say), the kernel writes a temporary that is copied back.
    /// </summary>
    public static Tensor PrepareDestination(string op, long[] shape, DType dtype, Device device, Tensor? into, bool inPlace, out bool writeBack)
    {
        writeBack = false;
        if (into is null) return new Tensor(shape, dtype, device, zeroed: false);
        if (!TypePromotion.CanCast(dtype, into.DType))
            throw new ArgumentException(
                $"{op}: result type {dtype.PyTorchName()} can't be cast to the desired output type {into.DType.PyTorchName()}.");
        if (!into.ShapeSpan.SequenceEqual(shape))
            throw new ArgumentException(inPlace
                ? $"{op}: output with shape {into.Shape} doesn't match the broadcast shape {Size.Format(shape)}."
                : $"{op}: out= tensor has shape {into.Shape} but the result has shape {Size.Format(shape)}.");
        if (into.Device != device) throw Backends.MixedDevices(op, into.Device, device);
        into.CheckWritable(op);
        into.Storage.BumpVersion();
        if (into.DType == dtype) return into;
        writeBack = true;
        return new Tensor(shape, dtype, device, zeroed: false);
    }

    /// <summary>
    /// An operand that reads the destination's memory through a different layout (<c>x.Add_(x.T)</c>) is copied
    /// first: otherwise the kernel would read elements it has already overwritten. Reading exactly the elements
    /// being written (<c>x.Add_(x)</c>) is safe and needs no copy.
    /// </summary>
    private static Tensor Unalias(Tensor operand, Tensor destination)
    {
        if (!ReferenceEquals(operand.Storage, destination.Storage)) return operand;
        bool sameLayout = operand.StorageOffset == destination.StorageOffset &&
                          operand.ShapeSpan.SequenceEqual(destination.ShapeSpan) &&
                          operand.StridesSpan.SequenceEqual(destination.StridesSpan);
        return sameLayout ? operand : operand.CloneData();
    }

    public static Tensor Finish(Tensor result, Tensor? into, bool writeBack)
    {
        if (!writeBack) return result;
        Backends.Copy(result, into!);
        return into!;
    }

    private readonly struct BinaryAction<TOp>(Tensor x, Tensor y, Tensor d) : INumericAction where TOp : IBinaryOperator
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            // For bools (stored as bytes 0/1), "+" must stay 0/1: it runs as max, i.e. logical or.
            if (d.DType == DType.Bool && typeof(TOp) == typeof(AddOperator)) Backends.Of(d).Binary<T, MaximumOperator>(x, y, d);
            else Backends.Of(d).Binary<T, TOp>(x, y, d);
        }
    }

    private readonly struct UnaryAction<TOp>(Tensor x, Tensor d) : INumericAction where TOp : IUnaryOperator
    {
        public void Invoke<T>() where T : unmanaged, INumber<T> => Backends.Of(d).Unary<T, TOp>(x, d);
    }

    private readonly struct FloatUnaryAction<TOp>(Tensor x, Tensor d) : IFloatAction where TOp : IFloatUnaryOperator
    {
        public void Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T> => Backends.Of(d).FloatUnary<T, TOp>(x, d);
    }

    private readonly struct CompareAction<TOp>(Tensor x, Tensor y, Tensor d) : INumericAction where TOp : ICompareOperator
    {
        public void Invoke<T>() where T : unmanaged, INumber<T> => Backends.Of(d).Compare<T, TOp>(x, y, d);
    }
}

/// <summary>Device checks shared by every op.</summary>
/// <remarks>
/// As in PyTorch, a C# number (a wrapped number) or a 0-dim CPU tensor may meet a tensor on any device: it is moved
/// to that device. Any other mix is an error naming the op and both devices.
/// </remarks>
internal static class Devices
{
    public static void CheckSame(string op, Tensor a, Tensor b)
    {
        if (a.Device != b.Device && !IsMovableScalar(a) && !IsMovableScalar(b))
            throw Backends.MixedDevices(op, a.Device, b.Device);
    }

    /// <summary>The device the result of an op over a and b lives on (already checked by <see cref="CheckSame"/>).</summary>
    public static Device Common(Tensor a, Tensor b) => a.Device == b.Device || IsMovableScalar(b) ? a.Device : b.Device;

    /// <summary>The operand on the destination's device (a movable scalar is copied there; others are already there).</summary>
    public static Tensor Move(Tensor operand, Tensor destination) =>
        operand.Device == destination.Device ? operand : operand.To(destination.Device);

    private static bool IsMovableScalar(Tensor t) => t.IsWrappedNumber || (t.Dim == 0 && t.Device.Type == DeviceType.Cpu);
}
