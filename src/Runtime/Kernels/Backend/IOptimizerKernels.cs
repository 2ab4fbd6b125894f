namespace StaticNet.Kernels;

/// <summary>The optimizers' fused in-place updates.</summary>
internal interface IOptimizerKernels
{
    /// <summary>
    /// One pass of an update rule over a contiguous parameter, its gradient and up to three state buffers of the same
    /// shape (null when the rule does not use them), all on this backend's device: the CPU runs the vector
    /// <paramref name="rule"/>, a GPU backend its scalar twin <paramref name="element"/>.
    /// </summary>
    void FusedUpdate<T, TRule, TElement>(in TRule rule, in TElement element, Tensor parameter, Tensor gradient,
        Tensor? a = null, Tensor? b = null, Tensor? c = null)
        where T : unmanaged where TRule : struct, IFusedUpdate<T> where TElement : struct, IElementUpdate<T>;
}
