using System.Numerics.Tensors;

namespace StaticNet.Distributed;

/// <summary>
/// A run of parameters whose gradients are averaged by one allreduce (PyTorch's reducer bucket): the gradients are
/// copied into one flat buffer as each becomes final, the buffer is divided by the world size and summed across ranks
/// while backward goes on, and the averages are copied back into each parameter's <c>Grad</c>.
/// </summary>
internal sealed unsafe class GradBucket
{
    private readonly Tensor[] _parameters;
    private readonly int[] _offsets;
    private readonly float[] _buffer; // on the pinned object heap: MPI reads and writes it while the collective runs
    private int _pending;
    private nint _request;

    public GradBucket(int index, IReadOnlyList<Tensor> parameters)
    {
        Index = index;
        _parameters = [.. parameters];
        _offsets = new int[_parameters.Length];
        long total = 0;
        for (int i = 0; i < _parameters.Length; i++)
        {
            _offsets[i] = (int)total;
            total += _parameters[i].Numel;
        }
        if (total > Array.MaxLength) throw new ArgumentException($"DistributedDataParallel: a bucket of {total} elements is too large; lower bucketCapMB.");
        _buffer = GC.AllocateUninitializedArray<float>((int)total, pinned: true);
        _pending = _parameters.Length;
    }

    public int Index { get; }

    public IReadOnlyList<Tensor> Parameters => _parameters;

    public long Bytes => (long)_buffer.Length * sizeof(float);

    /// <summary>True once every parameter of the bucket delivered its gradient this iteration.</summary>
    public bool IsComplete => _pending == 0;

    /// <summary>True between <see cref="Start"/> and the completion <see cref="Progress"/> or <see cref="Finish"/> saw.</summary>
    public bool InFlight => _request != 0;

    /// <summary>Copies parameter <paramref name="slot"/>'s final gradient into the buffer.</summary>
    public void Add(int slot, Tensor gradient)
    {
        var g = gradient.IsContiguous ? gradient : gradient.Contiguous();
        g.AsSpan<float>().CopyTo(_buffer.AsSpan(_offsets[slot], (int)g.Numel));
        _pending--;
    }

    /// <summary>Divides by the world size (as PyTorch's reducer does, before the sum) and starts the allreduce.</summary>
    public void Start(int worldSize)
    {
        TensorPrimitives.Divide(_buffer, worldSize, _buffer);
        fixed (float* p = _buffer) _request = Dist.StartSum(p, _buffer.Length);
    }

    /// <summary>Lets MPI progress the allreduce without waiting (true when it has completed).</summary>
    public bool Progress()
    {
        if (!InFlight) return true;
        if (!Dist.TestOrWait(ref _request, wait: false, What)) return false;
        _request = 0; // MPI freed it
        return true;
    }

    /// <summary>Waits for the allreduce and writes the averages into each parameter's <c>Grad</c>, then resets for the next iteration.</summary>
    public void Finish()
    {
        if (InFlight) Dist.TestOrWait(ref _request, wait: true, What);
        _request = 0;
        for (int i = 0; i < _parameters.Length; i++)
        {
            var grad = _parameters[i].GradInternal!;
            var average = _buffer.AsSpan(_offsets[i], (int)grad.Numel);
            if (grad.IsContiguous)
            {
                average.CopyTo(grad.AsSpan<float>());
                grad.Storage.BumpVersion();
            }
            else using (Torch.NoGrad()) grad.Copy_(Torch.FromArray(average.ToArray()).View(grad.Shape.ToArray()));
        }
        _pending = _parameters.Length;
    }

    /// <summary>Forgets a partial iteration (after an error), so the next backward starts clean.</summary>
    public void Reset()
    {
        _pending = _parameters.Length;
    }

    private string What => $"AllReduce of DistributedDataParallel's gradient bucket {Index} ({_buffer.Length} float32 elements)";
}
