namespace StaticNet.Data;

/// <summary>
/// Samples that are rows of tensors (PyTorch's <c>TensorDataset</c>): sample i is <c>[t[i] for t in tensors]</c>.
/// The default collate stacks each position, so <c>foreach (var (X, y) in new DataLoader&lt;Tensor[]&gt;(ds))</c>
/// reads batches of rows of both tensors.
/// </summary>
public sealed class TensorDataset : Dataset<Tensor[]>
{
    private readonly Tensor[] _tensors;

    /// <summary>Wraps tensors that share their first dimension (the sample dimension).</summary>
    /// <exception cref="ArgumentException">No tensor, a 0-dim tensor, or first dimensions that differ.</exception>
    public TensorDataset(params Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0) throw new ArgumentException("TensorDataset expects at least one tensor.", nameof(tensors));
        for (int i = 0; i < tensors.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(tensors[i], $"tensors[{i}]");
            if (tensors[i].Dim == 0) throw new ArgumentException($"TensorDataset: tensor {i} is 0-dim; each tensor needs a sample dimension.", nameof(tensors));
            if (tensors[i].Size(0) != tensors[0].Size(0))
                throw new ArgumentException(
                    $"Size mismatch between tensors: tensor 0 has size {tensors[0].Size(0)} in dimension 0 but tensor {i} (shape {tensors[i].Shape}) has {tensors[i].Size(0)}.",
                    nameof(tensors));
        }
        _tensors = (Tensor[])tensors.Clone();
    }

    /// <summary>The wrapped tensors.</summary>
    public IReadOnlyList<Tensor> Tensors => _tensors;

    /// <inheritdoc/>
    public override int Count => checked((int)_tensors[0].Size(0));

    /// <summary>Row <paramref name="index"/> of every tensor (views, not copies).</summary>
    public override Tensor[] this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is out of bounds for a TensorDataset of size {Count}");
            var row = new Tensor[_tensors.Length];
            for (int i = 0; i < row.Length; i++) row[i] = _tensors[i].Select(0, index);
            return row;
        }
    }
}
