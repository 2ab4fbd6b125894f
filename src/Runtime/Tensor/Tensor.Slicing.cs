using StaticNet.Autograd;

namespace StaticNet;

// The views that keep part of a dimension: narrow, select and (stepped) slice; indexing builds on them.
public partial class Tensor
{
    /// <summary>A view of <paramref name="length"/> elements of dimension <paramref name="dim"/> from <paramref name="start"/>.</summary>
    public Tensor Narrow(int dim, long start, long length)
    {
        int d = NormalizeDim(dim, Dim);
        if (Dim == 0) throw new ArgumentException("narrow() cannot be applied to a 0-dim tensor.");
        if (start < 0) start += _shape[d];
        if (start < 0 || length < 0 || start + length > _shape[d])
            throw new ArgumentOutOfRangeException(nameof(start),
                $"narrow: start ({start}) + length ({length}) exceeds dimension size ({_shape[d]}) of dim {d} (shape {Shape}).");
        var shape = (long[])_shape.Clone();
        shape[d] = length;
        var view = AsStrided(shape, _strides, StorageOffset + start * _strides[d]);
        return RecordView(view, Graph.ShouldRecord(this) ? new SliceBackward0(this, d, start, start + length, 1) : null);
    }

    /// <summary>The slice at <paramref name="index"/> along <paramref name="dim"/>, without that dimension (PyTorch's <c>select</c>).</summary>
    public Tensor Select(int dim, long index)
    {
        if (Dim == 0) throw new ArgumentException("select() cannot be applied to a 0-dim tensor.");
        int d = NormalizeDim(dim, Dim);
        long size = _shape[d];
        if (index < -size || index >= size)
            throw new ArgumentOutOfRangeException(null, $"index {index} is out of bounds for dimension {d} with size {size}");
        if (index < 0) index += size;
        var view = AsStrided(RemoveAt(_shape, d), RemoveAt(_strides, d), StorageOffset + index * _strides[d]);
        return RecordView(view, Graph.ShouldRecord(this) ? new SelectBackward0(this, d, index) : null);
    }

    /// <summary>Elements start, start+step, ... below end along a dimension (Python's <c>x[start:end:step]</c>); bounds are clamped as in Python.</summary>
    public Tensor Slice(int dim, long? start = null, long? end = null, long step = 1)
    {
        if (Dim == 0) throw new ArgumentException("slice() cannot be applied to a 0-dim tensor.");
        if (step <= 0) throw new ArgumentException($"slice step must be positive, got {step}.");
        int d = NormalizeDim(dim, Dim);
        long size = _shape[d];
        long s = Clamp(start ?? 0, size), e = Clamp(end ?? size, size);
        long len = e > s ? (e - s + step - 1) / step : 0;
        var shape = (long[])_shape.Clone();
        var strides = (long[])_strides.Clone();
        shape[d] = len;
        strides[d] = _strides[d] * step;
        var view = AsStrided(shape, strides, StorageOffset + (len > 0 ? s * _strides[d] : 0));
        return RecordView(view, Graph.ShouldRecord(this) ? new SliceBackward0(this, d, s, e, step) : null);

        static long Clamp(long i, long size) => i < 0 ? Math.Max(i + size, 0) : Math.Min(i, size);
    }
}
