namespace StaticNet;

public partial class Tensor
{
    /// <summary>
    /// Converts this tensor's whole storage to <paramref name="dtype"/> and points this same object at the copy, keeping
    /// shape, strides and offset: what <c>Module.To(dtype)</c> does to parameters and buffers (PyTorch's
    /// <c>param.data = param.to(dtype)</c>), so references to the tensor stay valid. Views made earlier keep the old storage.
    /// </summary>
    internal void ConvertStorageInPlace(DType dtype)
    {
        if (dtype == DType) return;
        var whole = new Tensor(Storage, [Storage.Length], [1], 0);
        Storage = whole.Cast(dtype).Storage;
    }
}
