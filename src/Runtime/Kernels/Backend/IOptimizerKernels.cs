namespace StaticNet.Kernels;

/// <summary>The optimizers' fused in-place updates.</summary>
internal interface IOptimizerKernels
{
    /// <summary>
    /// One pass of <paramref name="rule"/> over a contiguous parameter, its gradient and up to three state buffers
    /// of the same shape (null when the rule does not use them), all on this backend's device.
    /// </summary>
    void FusedUpdate<T, TRule>(in TRule rule, Tensor parameter, Tensor gradient, Tensor? a = null, Tensor? b = null, Tensor? c = null)
        where T : unmanaged where TRule : struct, IFusedUpdate<T>;
}
