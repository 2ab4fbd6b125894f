namespace StaticNet.Kernels;

/// <summary>Softmax and log-softmax along a dimension, and the negative log-likelihood loss.</summary>
internal interface ILossKernels
{
    /// <summary>softmax (or log_softmax) of x along <paramref name="dim"/>.</summary>
    Tensor Softmax(Tensor x, int dim, bool log);

    /// <summary>The input gradient from the output gradient g and the forward's result y.</summary>
    Tensor SoftmaxBackward(Tensor g, Tensor y, int dim, bool log);

    /// <summary>Per-element losses −w[t]·input[t] (ignored targets give 0) and the total weight of the counted targets.</summary>
    (Tensor Losses, double TotalWeight) NllLoss(Tensor input, Tensor target, Tensor? weight, long classes, long inner, long ignoreIndex);

    /// <summary>The input gradient: −w[t]·scale at each target, zero elsewhere.</summary>
    Tensor NllLossBackward(long[] inputShape, DType dtype, Tensor target, Tensor? weight, Tensor scale, long classes, long inner, long ignoreIndex);
}
