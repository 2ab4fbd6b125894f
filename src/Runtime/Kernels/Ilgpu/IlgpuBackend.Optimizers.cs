namespace StaticNet.Kernels.Ilgpu;

internal sealed unsafe partial class IlgpuBackend
{
    /// <summary>
    /// The optimizers' update rules are written over SIMD vectors (<see cref="IFusedUpdate{T}"/>), which ILGPU cannot
    /// compile, so this backend runs the rule on host copies and writes the results back: correct, and one round trip
    /// of the parameter and its state per step. Device kernels for the rules are the next step (see docs/api.md).
    /// </summary>
    public void FusedUpdate<T, TRule>(in TRule rule, Tensor parameter, Tensor gradient, Tensor? a = null, Tensor? b = null, Tensor? c = null)
        where T : unmanaged where TRule : struct, IFusedUpdate<T>
    {
        Tensor p = Download(parameter), g = Download(gradient);
        Tensor? ha = a is null ? null : Download(a), hb = b is null ? null : Download(b), hc = c is null ? null : Download(c);
        Backends.Cpu.FusedUpdate<T, TRule>(rule, p, g, ha, hb, hc);
        Copy(Upload(p), parameter);
        if (a is not null) Copy(Upload(ha!), a);
        if (b is not null) Copy(Upload(hb!), b);
        if (c is not null) Copy(Upload(hc!), c);
    }
}
