namespace StaticNet;

public partial class Tensor
{
    /// <summary>
    /// The tensor's data without its autograd history (<c>x.data</c>): a view sharing the storage, with
    /// <c>RequiresGrad</c> false, so that an in-place update of it changes the tensor without being recorded, as
    /// seed 001's manual SGD step <c>f.data.sub_(f.grad.data * lr)</c> does (<c>f.Data.Sub_(f.Grad!.Data * lr)</c>).
    /// The same as <see cref="Detach"/>.
    /// </summary>
    public Tensor Data => Detach();

    /// <summary>This tensor converted to <paramref name="dtype"/> (<c>x.type(torch.float64)</c>); the same as <see cref="To(DType)"/>.</summary>
    public Tensor Type(DType dtype) => To(dtype);
}
