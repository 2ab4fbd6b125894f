namespace StaticNet;

public partial class Tensor
{
    /// <summary>A view of the diagonal of a matrix (offset &gt; 0 above it, &lt; 0 below), sharing storage.</summary>
    public Tensor Diagonal(long offset = 0)
    {
        if (Dim != 2) throw new ArgumentException($"diagonal: expected a 2-D tensor, got shape {Shape}.");
        long rows = _shape[0], cols = _shape[1];
        long start = offset >= 0 ? offset * _strides[1] : -offset * _strides[0];
        long length = offset >= 0 ? Math.Max(Math.Min(rows, cols - offset), 0) : Math.Max(Math.Min(rows + offset, cols), 0);
        var view = AsStrided([length], [_strides[0] + _strides[1]], StorageOffset + (length > 0 ? start : 0));
        return Autograd.Graph.ShouldRecord(this) ? Autograd.Graph.Record(view, new Autograd.DiagonalBackward0(this, offset), this) : view;
    }
}
