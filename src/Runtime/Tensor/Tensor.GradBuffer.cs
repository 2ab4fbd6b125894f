using StaticNet.Kernels;

namespace StaticNet;

/// <summary>
/// Reuse of a parameter's gradient buffer across <c>ZeroGrad()</c>. PyTorch's default <c>zero_grad(set_to_none=True)</c>
/// drops every gradient and the next backward allocates it again; on the CPU PyTorch's allocator hands the freed
/// block straight back, but in .NET each step would allocate megabytes of fresh (large-object-heap) arrays: a gen-2
/// collection every few steps and page faults on memory the kernel zeroes again (W2 MLP: 2.1 MB per step, 47 full
/// collections in 200 steps). A gradient that user code never received (never read through <see cref="Grad"/>, never
/// assigned to it) cannot be referenced outside the library, so when <c>ZeroGrad</c> drops it, this tensor keeps it as
/// a spare and the next backward writes into it instead of allocating. A gradient the user did see is simply dropped,
/// as before: a tensor the user holds never changes under them.
/// </summary>
public partial class Tensor
{
    /// <summary>The dropped gradient kept for the next backward (see the class remarks); null when there is none.</summary>
    private Tensor? _spareGrad;

    /// <summary>True once <see cref="_grad"/> has been handed to user code (read through <see cref="Grad"/>, or assigned by it).</summary>
    private bool _gradSeen;

    /// <summary>The gradient as the library reads it: unlike <see cref="Grad"/>, reading does not mark it as seen by the user.</summary>
    internal Tensor? GradInternal => _grad;

    /// <summary>
    /// Sets <c>Grad</c> to null (<c>zero_grad(set_to_none=True)</c>), keeping the buffer as a spare when no user code
    /// can hold it.
    /// </summary>
    internal void DropGrad()
    {
        if (_grad is { } g && !_gradSeen && IsReusableGrad(g)) _spareGrad = g;
        _grad = null;
        _gradSeen = false;
    }

    /// <summary>Forgets the spare (its dtype or device no longer matches, or its memory should go back to the GC).</summary>
    internal void DropSpareGrad() => _spareGrad = null;

    /// <summary>
    /// A new gradient for this leaf, set as its <c>Grad</c>: the spare when it is still of this tensor's shape and dtype,
    /// else a fresh tensor. With <paramref name="zeroed"/> false the caller overwrites every element.
    /// </summary>
    internal Tensor NewGrad(bool zeroed)
    {
        Tensor g;
        if (_spareGrad is { } spare && IsReusableGrad(spare))
        {
            g = spare;
            if (!zeroed) g.Storage.BumpVersion();
            else if (!g.TryZeroDense("AccumulateGrad")) g.Zero_(); // a device (or non-dense) spare is zeroed by its backend
        }
        else g = new Tensor(ShapeArray, DType, Device, zeroed);
        _spareGrad = null;
        _grad = g;
        _gradSeen = false;
        return g;
    }

    /// <summary>
    /// The first gradient of this leaf in a backward pass: a copy of <paramref name="gradient"/> (which may reach other
    /// leaves too) in the spare buffer when there is one, else a clone (which keeps history under create_graph).
    /// </summary>
    internal void SetFirstGrad(Tensor gradient)
    {
        if (!gradient.RequiresGrad && gradient.DType == DType && _spareGrad is { } spare && IsReusableGrad(spare))
        {
            var g = NewGrad(zeroed: false);
            Backends.Copy(gradient, g);
            return;
        }
        _spareGrad = null;
        _grad = gradient.Clone();
        _gradSeen = false;
    }

    // A spare must still fit this leaf exactly: a dense buffer of its shape and dtype with no history.
    private bool IsReusableGrad(Tensor g) =>
        g.DType == DType && g.Device == Device && g.IsContiguous && !g.RequiresGrad && g.StorageOffset == 0 && g.ShapeSpan.SequenceEqual(ShapeSpan)
        && g.DType is DType.Float32 or DType.Float64;

    /// <summary>
    /// Zeroes a contiguous Float32/Float64 tensor in place as a plain memory clear (version bumped, as any in-place
    /// write) and returns true; false for other tensors, which <c>Zero_()</c> handles. Clearing gradients every step
    /// through <c>Zero_</c> would allocate a scalar and an iterator each time.
    /// </summary>
    internal bool TryZeroDense(string op)
    {
        if (!IsContiguous || DType is not (DType.Float32 or DType.Float64) || Device.Type != DeviceType.Cpu) return false;
        CheckWritable(op);
        Storage.BumpVersion();
        if (DType == DType.Float32) ContiguousSpan<float>().Clear();
        else ContiguousSpan<double>().Clear();
        return true;
    }
}
