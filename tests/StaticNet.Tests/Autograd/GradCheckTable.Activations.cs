namespace StaticNet.Tests.Autograd;

public static partial class GradCheckTable
{
    internal static readonly GradCase[] Activations =
    [
        new("LeakyReluBackward0", "default slope", t => F.LeakyRelu(t[0]), () => [R(3, 4)]),
        new("LeakyReluBackward0", "slope 0.3, transposed input", t => F.LeakyRelu(t[0], 0.3), () => [RT(3, 2)]),
        new("LeakyReluBackward1", "in place on a non-leaf, slope 0.2", t => F.LeakyRelu(t[0] * 1.0, 0.2, inplace: true), () => [R(2, 3)]),
        new("GeluBackward0", "exact", t => F.Gelu(t[0]), () => [R(2, 5)]),
        new("GeluBackward0", "tanh approximation, transposed input", t => F.Gelu(t[0], "tanh"), () => [RT(3, 2)]),
        new("SoftmaxBackward0", "last dim", t => F.Softmax(t[0], -1), () => [R(2, 4)]),
        new("SoftmaxBackward0", "middle dim of a 3-D input", t => F.Softmax(t[0], 1), () => [R(2, 3, 2)]),
        new("SoftmaxBackward0", "dim 0 of a transposed input", t => F.Softmax(t[0], 0), () => [RT(3, 2)]),
        new("LogSoftmaxBackward0", "last dim", t => F.LogSoftmax(t[0], 1), () => [R(3, 4)]),
        new("LogSoftmaxBackward0", "middle dim of a 3-D input", t => F.LogSoftmax(t[0], -2), () => [R(2, 3, 2)]),
        new("LogSoftmaxBackward0", "1-D", t => F.LogSoftmax(t[0], 0), () => [R(5)]),
        new("EmbeddingBackward0", "w.r.t. the weight, repeated indices",
            t => F.Embedding(Torch.Tensor(new long[,] { { 0, 2 }, { 2, 3 } }), t[0]), () => [R(4, 3)]),
        new("EmbeddingBackward0", "transposed weight, Int32 indices",
            t => F.Embedding(Torch.Tensor(new[] { 1, 0, 1 }, dtype: DType.Int32), t[0]), () => [RT(3, 2)]),
        // (padding_idx deliberately withholds the gradient of a row the output depends on, so finite differences
        // cannot check it; EmbeddingTests checks that row by hand.)
        // Dropout is x * mask (MulBackward0, as PyTorch 1.13/2.x on the CPU); a fresh generator with a fixed seed
        // gives every finite-difference evaluation the same mask.
        new("MulBackward0", "dropout with a fixed generator state",
            t => F.Dropout(t[0], 0.4, generator: new Generator(11)), () => [R(3, 4)]),
    ];
}
