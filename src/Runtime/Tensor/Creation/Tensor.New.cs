namespace StaticNet;

public partial class Tensor
{
    // PyTorch's new_* factories: a new tensor with this tensor's dtype and device unless told otherwise.

    /// <summary>Zeros of the given shape with this tensor's dtype and device (<c>x.new_zeros(...)</c>).</summary>
    public Tensor NewZeros(params long[] shape) => Torch.Zeros(shape, DType, Device);
    /// <summary>Zeros of the given shape and dtype.</summary>
    public Tensor NewZeros(long[] shape, DType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        Torch.Zeros(shape, dtype ?? DType, device ?? Device, requiresGrad);

    /// <summary>Ones of the given shape with this tensor's dtype and device (<c>x.new_ones(5, 3)</c>).</summary>
    public Tensor NewOnes(params long[] shape) => Torch.Ones(shape, DType, Device);
    /// <summary>Ones of the given shape and dtype (<c>x.new_ones(5, 3, dtype=torch.double)</c>).</summary>
    public Tensor NewOnes(long[] shape, DType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        Torch.Ones(shape, dtype ?? DType, device ?? Device, requiresGrad);

    /// <summary>An uninitialised tensor of the given shape with this tensor's dtype and device.</summary>
    public Tensor NewEmpty(params long[] shape) => Torch.Empty(shape, DType, Device);
    /// <summary>An uninitialised tensor of the given shape and dtype.</summary>
    public Tensor NewEmpty(long[] shape, DType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        Torch.Empty(shape, dtype ?? DType, device ?? Device, requiresGrad);

    /// <summary>A tensor filled with <paramref name="value"/>, with this tensor's dtype unless given.</summary>
    public Tensor NewFull(long[] shape, double value, DType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        Torch.Full(shape, value, dtype ?? DType, device ?? Device, requiresGrad);

    /// <summary>A tensor copied from <paramref name="data"/> with this tensor's dtype unless given (<c>x.new_tensor(data)</c>).</summary>
    public Tensor NewTensor(Array data, DType? dtype = null, Device? device = null, bool requiresGrad = false) =>
        Torch.Tensor(data, dtype ?? DType, device ?? Device, requiresGrad);
}
