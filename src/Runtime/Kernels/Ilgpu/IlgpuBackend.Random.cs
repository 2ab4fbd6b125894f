namespace StaticNet.Kernels.Ilgpu;

/// <remarks>
/// Random fills draw on the host from the same <see cref="Generator"/> and upload: the same seed gives the same numbers
/// on this device (and the CPU's, which PyTorch does not promise for CUDA). A device-side Philox stream would save
/// the transfer; the upload is one copy of the tensor.
/// </remarks>
internal sealed unsafe partial class IlgpuBackend
{
    public void FillUniform(Tensor target, Generator generator, double low, double high) =>
        FillFromHost(target, host => Backends.Cpu.FillUniform(host, generator, low, high));

    public void FillNormal(Tensor target, Generator generator, double mean, double std, bool bulk) =>
        FillFromHost(target, host => Backends.Cpu.FillNormal(host, generator, mean, std, bulk));

    public void FillRandInt(Tensor target, Generator generator, long low, long high) =>
        FillFromHost(target, host => Backends.Cpu.FillRandInt(host, generator, low, high));

    public void FillBernoulli(Tensor target, Generator generator, double q) =>
        FillFromHost(target, host => Backends.Cpu.FillBernoulli(host, generator, q));

    public void FillPermutation(Tensor target, Generator generator) =>
        FillFromHost(target, host => Backends.Cpu.FillPermutation(host, generator));

    private void FillFromHost(Tensor target, Action<Tensor> fill)
    {
        var host = new Tensor(target.ShapeArray, target.DType, zeroed: false);
        fill(host);
        Copy(Upload(host), target);
    }
}
