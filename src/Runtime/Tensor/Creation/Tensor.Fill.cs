using System.Numerics;
using StaticNet.Kernels;

namespace StaticNet;

public partial class Tensor
{
    /// <summary>Sets every element to <paramref name="value"/> in place (<c>x.fill_(v)</c>); respects views.</summary>
    public Tensor Fill_(double value) => Copy_(Torch.ScalarTensor(value, DType.Float64));

    /// <summary>Sets every element to an integer value in place.</summary>
    public Tensor Fill_(long value) => Copy_(Torch.ScalarTensor(value, DType.Int64));

    /// <summary>Sets every element to a bool value in place.</summary>
    public Tensor Fill_(bool value) => Copy_(Torch.ScalarTensor(value ? 1L : 0L, DType.Bool));

    /// <summary>Sets every element to zero in place (<c>x.zero_()</c>).</summary>
    public Tensor Zero_() => Fill_(0L);

    /// <summary>
    /// Copies <paramref name="source"/> into this tensor in place (<c>x.copy_(src)</c>): the source broadcasts to this
    /// tensor's shape and is converted to its dtype; writes go through views to the base.
    /// </summary>
    public Tensor Copy_(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Devices.CheckSame("copy_", this, source);
        ShapeUtil.BroadcastStrides(source.ShapeSpan, source.StridesSpan, _shape, "copy_");
        CheckWritable("copy_");
        Storage.BumpVersion();
        // A source that overlaps this tensor's memory (x.Copy_(x.T)) is read completely before writing.
        var src = ReferenceEquals(source.Storage, Storage) && !ReferenceEquals(source, this) ? source.Clone() : source;
        Backends.Copy(src, this);
        return this;
    }

    /// <summary>Fills with uniform values in [from, to) in place (<c>x.uniform_(a, b)</c>).</summary>
    public Tensor Uniform_(double from = 0, double to = 1, Generator? generator = null)
    {
        return FillFloat("uniform_", generator ?? Generator.Default, normal: false, from, to);
    }

    /// <summary>Fills with normal values in place (<c>x.normal_(mean, std)</c>).</summary>
    public Tensor Normal_(double mean = 0, double std = 1, Generator? generator = null)
    {
        if (std < 0) throw new ArgumentException($"normal_ expects std >= 0.0, but found std {std}");
        return FillFloat("normal_", generator ?? Generator.Default, normal: true, mean, std);
    }

    /// <summary>Fills with integers uniform in [from, to) in place (<c>x.random_(from, to)</c>).</summary>
    public Tensor Random_(long from, long to, Generator? generator = null)
    {
        CheckWritable("random_");
        var g = generator ?? Generator.Default;
        // Draws go in PyTorch's iteration order (memory order for a transposed tensor), through a contiguous buffer.
        bool direct = IsContiguous && DType != DType.Bool;
        var order = IsContiguous ? this : IterationOrder.View(this);
        var tmp = direct ? this : new Tensor(order.ShapeArray, DType == DType.Bool ? DType.UInt8 : DType, Device, zeroed: false);
        Backends.Of(tmp).FillRandInt(tmp, g, from, to);
        if (direct) Storage.BumpVersion();
        else order.Copy_(tmp);
        return this;
    }

    private Tensor FillFloat(string op, Generator generator, bool normal, double a, double b)
    {
        if (!DType.IsFloatingPoint()) throw new ArgumentException($"{op}: expected a floating dtype, got {DType.PyTorchName()}.");
        CheckWritable(op);
        // Draws are made in PyTorch's iteration order (memory order for a transposed tensor) into a contiguous
        // buffer; PyTorch's bulk normal algorithm applies only when the tensor itself is contiguous.
        bool contiguous = IsContiguous;
        var order = contiguous ? this : IterationOrder.View(this);
        var tmp = contiguous ? this : new Tensor(order.ShapeArray, DType, Device, zeroed: false);
        if (normal) Backends.Of(tmp).FillNormal(tmp, generator, a, b, bulk: contiguous);
        else Backends.Of(tmp).FillUniform(tmp, generator, a, b);
        if (!contiguous) order.Copy_(tmp);
        else Storage.BumpVersion();
        return this;
    }
}
