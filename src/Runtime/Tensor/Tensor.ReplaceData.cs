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

    /// <summary>
    /// Moves this tensor's whole storage to <paramref name="device"/> and points this same object at the copy, keeping
    /// shape, strides and offset: what <c>Module.To(device)</c> does to parameters and buffers, so an optimizer that
    /// already holds the parameters keeps updating the moved ones. Views made earlier keep the old storage.
    /// </summary>
    internal void MoveStorageInPlace(Device device)
    {
        if (device == Device) return;
        var whole = new Tensor(Storage, [Storage.Length], [1], 0);
        Storage = whole.MoveData(device).Storage;
    }

    /// <summary>A contiguous copy of this tensor on <paramref name="device"/>, through host memory; never recorded.</summary>
    internal Tensor MoveData(Device device)
    {
        var host = Device.Type == DeviceType.Cpu ? (IsContiguous ? this : CloneData()) : Kernels.Backends.Of(this).Download(this);
        return device.Type == DeviceType.Cpu ? host : Kernels.Backends.For(device).Upload(host);
    }
}
