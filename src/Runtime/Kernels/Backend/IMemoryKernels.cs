namespace StaticNet.Kernels;

/// <summary>Storage on the backend's device and transfers to and from host memory.</summary>
internal interface IMemoryKernels
{
    /// <summary>A storage of <paramref name="length"/> elements on this device (zero-filled when <paramref name="zeroed"/>).</summary>
    Storage Allocate(DType dtype, long length, bool zeroed);

    /// <summary>A contiguous tensor on this device with the values of a contiguous host tensor.</summary>
    Tensor Upload(Tensor host);

    /// <summary>A contiguous host tensor with the values of a tensor on this device (any strides).</summary>
    Tensor Download(Tensor tensor);
}
