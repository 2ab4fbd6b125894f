using System.Numerics;

namespace StaticNet.Kernels.Ilgpu;

/// <summary>The contract members this backend does not implement yet: each throws naming the op and the device.</summary>
internal sealed unsafe partial class IlgpuBackend
{
    private NotSupportedException Unsupported(string op) => new(
        $"{op} is not implemented on '{Device}' yet (the ILGPU backend covers element-wise ops, reductions, copies, matmul, " +
        "softmax, NLL/cross-entropy, optimizer steps and random fills). Run it on the CPU: move the tensors with .Cpu().");

    public void LeakyRelu(Tensor x, double slope, Tensor destination) => throw Unsupported("leaky_relu");

    public Tensor LeakyReluBackward(Tensor g, Tensor x, double slope) => throw Unsupported("leaky_relu backward");

    public Tensor Gelu(Tensor x, bool tanh) => throw Unsupported("gelu");

    public Tensor GeluBackward(Tensor g, Tensor x, bool tanh) => throw Unsupported("gelu backward");

    public void Gather(Tensor source, Tensor offsets, Tensor destination) => throw Unsupported("indexing (gather)");

    public void Put(Tensor destination, Tensor offsets, Tensor values, bool accumulate) => throw Unsupported("index_put_/scatter");

    public long[] CheckedEmbeddingIndices(Tensor indices, long rows) => throw Unsupported("embedding");

    public Tensor Embedding(Tensor weight, long[] index, long[] resultShape) => throw Unsupported("embedding");

    public Tensor EmbeddingBackward(Tensor g, long[] index, long rows, long dim, long? paddingIdx, DType dtype) => throw Unsupported("embedding backward");

    public Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, Conv2dGeometry g, long[] outputShape) => throw Unsupported("conv2d");

    public (Tensor? Input, Tensor? Weight, Tensor? Bias) Conv2dBackward(Tensor gradOutput, Tensor input, Tensor weight,
        Conv2dGeometry g, bool needInput, bool needWeight, bool needBias) => throw Unsupported("conv2d backward");

    public void HostConv2d<T>(Conv2dGeometry g, T* x, T* w, T* b, T* y, bool relu) where T : unmanaged, IFloatingPointIeee754<T> =>
        throw Unsupported("the fused plan's conv2d on host workspaces");

    public void HostConv2dBackward<T>(Conv2dGeometry g, T* dy, T* x, T* w, T* dx, T* dw) where T : unmanaged, IFloatingPointIeee754<T> =>
        throw Unsupported("the fused plan's conv2d backward on host workspaces");

    public void HostConv2dBiasGradient<T>(Conv2dGeometry g, T* dy, Span<T> db) where T : unmanaged, IFloatingPointIeee754<T> =>
        throw Unsupported("the fused plan's conv2d bias gradient on host workspaces");

    public (Tensor Output, Tensor Indices) MaxPool2d(Tensor input, Pool2dGeometry g, long[] outputShape) => throw Unsupported("max_pool2d");

    public Tensor MaxPool2dBackward(Tensor gradOutput, Tensor indices, long[] inputShape, Pool2dGeometry g) => throw Unsupported("max_pool2d backward");

    public Tensor AvgPool2d(Tensor input, Pool2dGeometry g, bool countIncludePad, int divisorOverride, long[] outputShape) => throw Unsupported("avg_pool2d");

    public Tensor AvgPool2dBackward(Tensor gradOutput, long[] inputShape, Pool2dGeometry g, bool countIncludePad, int divisorOverride) =>
        throw Unsupported("avg_pool2d backward");

    public Tensor AdaptiveAvgPool2d(Tensor input, Pool2dGeometry g, long[] outputShape) => throw Unsupported("adaptive_avg_pool2d");

    public Tensor AdaptiveAvgPool2dBackward(Tensor gradOutput, long[] inputShape, Pool2dGeometry g) => throw Unsupported("adaptive_avg_pool2d backward");

    public void HostMaxPool2d<T>(Pool2dGeometry g, T* x, T* y, long* indices) where T : unmanaged, IFloatingPointIeee754<T> =>
        throw Unsupported("the fused plan's max_pool2d on host workspaces");

    public void HostMaxPool2dBackward<T>(Pool2dGeometry g, T* dy, long* indices, T* dx) where T : unmanaged, IFloatingPointIeee754<T> =>
        throw Unsupported("the fused plan's max_pool2d backward on host workspaces");

    public void HostAvgPool2d<T>(Pool2dGeometry g, bool countIncludePad, int divisorOverride, T* x, T* y, bool backward)
        where T : unmanaged, IFloatingPointIeee754<T> => throw Unsupported("the fused plan's avg_pool2d on host workspaces");
}
