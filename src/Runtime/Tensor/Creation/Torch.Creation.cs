using StaticNet.Kernels;
namespace StaticNet;

public static partial class Torch
{
    /// <summary>An uninitialised Float32 tensor (PyTorch's <c>torch.empty</c>; StaticNet zero-fills it).</summary>
    public static Tensor Empty(params long[] shape) => Empty(shape, DType.Float32);

    /// <summary>An uninitialised tensor of the given shape and dtype.</summary>
    public static Tensor Empty(long[] shape, DType dtype = DType.Float32, Device? device = null, bool requiresGrad = false) =>
        Create(shape, dtype, device, requiresGrad, zeroed: false);

    /// <summary>A Float32 tensor of zeros.</summary>
    public static Tensor Zeros(params long[] shape) => Zeros(shape, DType.Float32);

    /// <summary>A tensor of zeros of the given shape and dtype.</summary>
    public static Tensor Zeros(long[] shape, DType dtype = DType.Float32, Device? device = null, bool requiresGrad = false) =>
        Create(shape, dtype, device, requiresGrad, zeroed: true);

    /// <summary>A Float32 tensor of ones.</summary>
    public static Tensor Ones(params long[] shape) => Ones(shape, DType.Float32);

    /// <summary>A tensor of ones of the given shape and dtype.</summary>
    public static Tensor Ones(long[] shape, DType dtype = DType.Float32, Device? device = null, bool requiresGrad = false) =>
        Full(shape, 1L, dtype, device, requiresGrad);

    /// <summary>A tensor filled with <paramref name="value"/>; the dtype defaults to Float32, as for a Python float.</summary>
    public static Tensor Full(long[] shape, double value, DType dtype = DType.Float32, Device? device = null, bool requiresGrad = false) =>
        Create(shape, dtype, device, false, zeroed: false).Fill_(value).WithRequiresGrad(requiresGrad);

    /// <summary>A tensor filled with an integer <paramref name="value"/>; the dtype defaults to Int64, as for a Python int.</summary>
    public static Tensor Full(long[] shape, long value, DType dtype = DType.Int64, Device? device = null, bool requiresGrad = false) =>
        Create(shape, dtype, device, false, zeroed: false).Fill_(value).WithRequiresGrad(requiresGrad);

    /// <summary>A tensor filled with a bool <paramref name="value"/>; the dtype defaults to Bool.</summary>
    public static Tensor Full(long[] shape, bool value, DType dtype = DType.Bool, Device? device = null, bool requiresGrad = false) =>
        Create(shape, dtype, device, false, zeroed: false).Fill_(value).WithRequiresGrad(requiresGrad);

    /// <summary>0, 1, ..., end-1 as Int64 (<c>torch.arange(end)</c>).</summary>
    public static Tensor Arange(long end, DType dtype = DType.Int64, Device? device = null) => Arange(0, end, 1, dtype, device);

    /// <summary>start, start+step, ... below end as Int64 (<c>torch.arange(start, end, step)</c>).</summary>
    public static Tensor Arange(long start, long end, long step = 1, DType dtype = DType.Int64, Device? device = null)
    {
        if (step == 0) throw new ArgumentException("arange: step must be nonzero.");
        if ((end - start) / (double)step < 0)
            throw new ArgumentException($"arange: upper bound and larger bound inconsistent with step sign (start {start}, end {end}, step {step}).");
        long n = (end - start + step - Math.Sign(step)) / step;
        var t = Create([Math.Max(n, 0)], DType.Int64, device, false, zeroed: false);
        var span = t.ContiguousSpan<long>();
        for (int i = 0; i < span.Length; i++) span[i] = start + i * step;
        return dtype == DType.Int64 ? t : t.To(dtype);
    }

    /// <summary>start, start+step, ... below end as Float32 (<c>torch.arange(0.0, 1.0, 0.1)</c>): the length is ceil((end-start)/step).</summary>
    public static Tensor Arange(double start, double end, double step = 1.0, DType dtype = DType.Float32, Device? device = null)
    {
        if (step == 0) throw new ArgumentException("arange: step must be nonzero.");
        double count = Math.Ceiling((end - start) / step);
        if (count < 0 || double.IsNaN(count))
            throw new ArgumentException($"arange: upper bound and larger bound inconsistent with step sign (start {start}, end {end}, step {step}).");
        var t = Create([(long)count], DType.Float64, device, false, zeroed: false);
        var span = t.ContiguousSpan<double>();
        for (int i = 0; i < span.Length; i++) span[i] = start + i * step;
        return t.To(dtype);
    }

    /// <summary><paramref name="steps"/> evenly spaced values from start to end inclusive (<c>torch.linspace</c>).</summary>
    public static Tensor Linspace(double start, double end, long steps, DType dtype = DType.Float32, Device? device = null)
    {
        if (steps < 0) throw new ArgumentException($"linspace: number of steps must be non-negative, got {steps}.");
        var t = Create([steps], DType.Float64, device, false, zeroed: false);
        var span = t.ContiguousSpan<double>();
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        // PyTorch fills the first half from start and the second half from end, so both ends are exact.
        long half = steps == 1 ? 1 : steps / 2;
        for (int i = 0; i < span.Length; i++) span[i] = i < half ? start + i * step : end - (steps - 1 - i) * step;
        return t.To(dtype);
    }

    /// <summary>An n×m matrix with ones on the diagonal (<c>torch.eye</c>); m defaults to n.</summary>
    public static Tensor Eye(long n, long? m = null, DType dtype = DType.Float32, Device? device = null)
    {
        long cols = m ?? n;
        if (n < 0 || cols < 0) throw new ArgumentException($"eye: n and m must be non-negative, got n={n}, m={cols}.");
        var t = Create([n, cols], dtype, device, false, zeroed: true);
        t.Diagonal().Fill_(1L);
        return t;
    }

    /// <summary>Uniform values in [0, 1) as Float32 (<c>torch.rand</c>).</summary>
    public static Tensor Rand(params long[] shape) => Rand(shape, DType.Float32);

    /// <summary>Uniform values in [0, 1).</summary>
    public static Tensor Rand(long[] shape, DType dtype = DType.Float32, Device? device = null, bool requiresGrad = false, Generator? generator = null)
    {
        var t = Create(shape, CheckFloat("rand", dtype), device, false, zeroed: false);
        t.Uniform_(0, 1, generator);
        return t.WithRequiresGrad(requiresGrad);
    }

    /// <summary>Standard normal values as Float32 (<c>torch.randn</c>).</summary>
    public static Tensor Randn(params long[] shape) => Randn(shape, DType.Float32);

    /// <summary>Standard normal values.</summary>
    public static Tensor Randn(long[] shape, DType dtype = DType.Float32, Device? device = null, bool requiresGrad = false, Generator? generator = null)
    {
        var t = Create(shape, CheckFloat("randn", dtype), device, false, zeroed: false);
        t.Normal_(0, 1, generator);
        return t.WithRequiresGrad(requiresGrad);
    }

    /// <summary>Integers uniform in [low, high) as Int64 (<c>torch.randint(low, high, size)</c>).</summary>
    public static Tensor RandInt(long low, long high, long[] shape, DType dtype = DType.Int64, Device? device = null, Generator? generator = null)
    {
        var t = Create(shape, dtype, device, false, zeroed: false);
        t.Random_(low, high, generator);
        return t;
    }

    /// <summary>Integers uniform in [0, high) as Int64 (<c>torch.randint(high, size)</c>).</summary>
    public static Tensor RandInt(long high, long[] shape, DType dtype = DType.Int64, Device? device = null, Generator? generator = null) =>
        RandInt(0, high, shape, dtype, device, generator);

    /// <summary>
    /// A random permutation of 0..n-1 (<c>torch.randperm</c>), drawn with PyTorch's CPU shuffle so the same seed
    /// gives the same permutation as PyTorch.
    /// </summary>
    public static Tensor RandPerm(long n, DType dtype = DType.Int64, Device? device = null, Generator? generator = null)
    {
        if (n < 0) throw new ArgumentException($"randperm: n must be non-negative, got {n}");
        long limit = dtype switch
        {
            DType.UInt8 => 256,
            DType.Int32 => 1L << 31,
            DType.Float32 => (1L << 24) + 1, // every integer up to 2^24 is exact in float
            DType.Int64 or DType.Float64 => long.MaxValue, // storage size is the limit
            _ => throw new ArgumentException($"randperm: \"randperm\" not implemented for '{dtype.PyTorchName()}'"),
        };
        if (n > limit) throw new ArgumentException($"randperm: n={n} is too large for result tensor type {dtype.PyTorchName()} (at most {limit})");
        var t = Create([n], DType.Int64, device, false, zeroed: false);
        Backends.Of(t).FillPermutation(t, generator ?? Generator.Default);
        return dtype == DType.Int64 ? t : t.To(dtype);
    }

    // ---- *Like: same shape (and dtype/device unless given) as another tensor ----

    /// <summary>Zeros shaped like <paramref name="other"/>.</summary>
    public static Tensor ZerosLike(Tensor other, DType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        Zeros(other.ShapeArray, dtype ?? other.DType, device ?? other.Device, requiresGrad);

    /// <summary>Ones shaped like <paramref name="other"/>.</summary>
    public static Tensor OnesLike(Tensor other, DType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        Ones(other.ShapeArray, dtype ?? other.DType, device ?? other.Device, requiresGrad);

    /// <summary>An uninitialised tensor shaped like <paramref name="other"/>.</summary>
    public static Tensor EmptyLike(Tensor other, DType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        Empty(other.ShapeArray, dtype ?? other.DType, device ?? other.Device, requiresGrad);

    /// <summary>A tensor of <paramref name="value"/> shaped like <paramref name="other"/>.</summary>
    public static Tensor FullLike(Tensor other, double value, DType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        Full(other.ShapeArray, value, dtype ?? other.DType, device ?? other.Device, requiresGrad);

    /// <summary>Uniform values shaped like <paramref name="other"/>.</summary>
    public static Tensor RandLike(Tensor other, DType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        Rand(other.ShapeArray, dtype ?? other.DType, device ?? other.Device, requiresGrad);

    /// <summary>Normal values shaped like <paramref name="other"/> (<c>torch.randn_like(x, dtype=...)</c>).</summary>
    public static Tensor RandnLike(Tensor other, DType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        Randn(other.ShapeArray, dtype ?? other.DType, device ?? other.Device, requiresGrad);

    /// <summary>Random integers in [low, high) shaped like <paramref name="other"/>.</summary>
    public static Tensor RandIntLike(Tensor other, long low, long high, DType? dtype = null, Device? device = null) =>
        RandInt(low, high, other.ShapeArray, dtype ?? other.DType, device ?? other.Device);

    internal static Tensor Create(long[] shape, DType dtype, Device? device, bool requiresGrad, bool zeroed)
    {
        foreach (var d in shape)
            if (d < 0) throw new ArgumentException($"Trying to create tensor with negative dimension {d}: {Size.Format(shape)}");
        return new Tensor((long[])shape.Clone(), dtype, device ?? Device.Cpu, zeroed).WithRequiresGrad(requiresGrad);
    }

    private static DType CheckFloat(string op, DType dtype) => dtype.IsFloatingPoint()
        ? dtype
        : throw new ArgumentException($"{op}: expected a floating dtype (Float32 or Float64), got {dtype.PyTorchName()}. Use RandInt for integers.");
}
