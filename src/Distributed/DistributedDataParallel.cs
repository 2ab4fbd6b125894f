using StaticNet.NN;

namespace StaticNet.Distributed;

/// <summary>
/// Data-parallel training (PyTorch's <c>DistributedDataParallel</c>): every rank holds a replica of the model, runs it on
/// its own share of the batch, and backward averages the gradients across ranks, so after <c>loss.Backward()</c> every
/// replica holds the gradient of the whole (global) batch and the optimizers take identical steps.
/// </summary>
/// <remarks>
/// <para>At construction, rank 0's parameters and buffers are copied to every rank, so replicas start equal.</para>
/// <para>Gradients are averaged in buckets of about <c>bucketCapMB</c> megabytes (25 as in PyTorch; the first bucket
/// 1 MiB): parameters are assigned to buckets in the reverse of <see cref="Module.Parameters"/> order (roughly the order
/// backward produces their gradients), each gradient is copied into its bucket by a post-accumulate-grad hook as soon as
/// it is final, and a full bucket's allreduce starts at once, non-blocking, while backward computes the gradients of the
/// earlier layers. Buckets start in the same order on every rank (MPI matches collectives by order). The last gradient
/// waits for the outstanding allreduces and writes the averages back into each <c>Grad</c>, so <c>Backward()</c> returns
/// with the gradients synchronised. This works for eager modules (their AccumulateGrad nodes) and declared models (the
/// fused backward writes each parameter's gradient and runs its hooks layer by layer).</para>
/// <para>Every parameter that requires grad must receive a gradient in every backward (PyTorch's default,
/// <c>find_unused_parameters=False</c>); the next <see cref="Forward"/> reports those that did not. Gradients are
/// float32 (the parameters' default dtype).</para>
/// <para>The state dict is the wrapped module's under the prefix <c>module.</c>, exactly as PyTorch's DDP's (it registers
/// the model as its child <c>module</c>); save <c>ddp.Module.StateDict()</c> for keys without the prefix.</para>
/// </remarks>
public sealed class DistributedDataParallel : Module
{
    private readonly GradBucket[] _buckets;
    private readonly Dictionary<Tensor, (GradBucket Bucket, int Slot)> _slots = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Tensor> _readyThisIteration = new(ReferenceEqualityComparer.Instance);
    private int _nextToStart;
    private bool _syncing = true;

    /// <summary>Wraps <paramref name="module"/>; every rank must construct it at the same point (collective).</summary>
    /// <param name="module">The model replica (eager or declared).</param>
    /// <param name="bucketCapMB">The size of a gradient bucket in megabytes (MiB), as PyTorch's <c>bucket_cap_mb</c>.</param>
    /// <param name="broadcastBuffers">Copy rank 0's buffers (BatchNorm's running statistics) to every rank at each forward in training.</param>
    /// <exception cref="DistributedException">The process group is not initialised, or the ranks' models differ in shape.</exception>
    public DistributedDataParallel(Module module, double bucketCapMB = 25, bool broadcastBuffers = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!(bucketCapMB > 0)) throw new ArgumentOutOfRangeException(nameof(bucketCapMB), $"bucketCapMB must be positive, got {bucketCapMB}.");
        if (!Dist.IsInitialized)
            throw new DistributedException("DistributedDataParallel: Default process group has not been initialized, please make sure to call Dist.InitProcessGroup().");
        Module = Register("module", module);
        BroadcastBuffers = broadcastBuffers;
        var named = module.NamedParameters().Where(p => p.Param.RequiresGrad).ToList();
        foreach (var (name, p) in named)
            if (p.DType != DType.Float32 || p.Device != Device.Cpu)
                throw new ArgumentException($"DistributedDataParallel averages float32 CPU gradients; parameter '{name}' is {p.DType.PyTorchName()} on {p.Device}.", nameof(module));
        ModelConsistency.Verify(module);
        SyncModuleStates(module);
        _buckets = BucketAssignment.Assign(named.Select(p => p.Param).ToList(), (long)(bucketCapMB * 1024 * 1024));
        foreach (var bucket in _buckets)
            for (int slot = 0; slot < bucket.Parameters.Count; slot++)
            {
                var p = bucket.Parameters[slot];
                _slots[p] = (bucket, slot);
                p.RegisterPostAccumulateGradHook(OnGradientReady);
            }
    }

    /// <summary>The wrapped model (PyTorch's <c>ddp.module</c>).</summary>
    public Module Module { get; }

    /// <summary>Whether rank 0's buffers are copied to every rank at each forward in training.</summary>
    public bool BroadcastBuffers { get; }

    /// <summary>The number of gradient buckets.</summary>
    public int BucketCount => _buckets.Length;

    /// <inheritdoc/>
    public override string TypeName => "DistributedDataParallel";

    /// <summary>Runs the wrapped model's forward (after checking that the previous backward synchronised every gradient).</summary>
    /// <param name="x">This rank's share of the batch.</param>
    public override Tensor Forward(Tensor x)
    {
        CheckPreviousIterationFinished();
        if (BroadcastBuffers && Training && Dist.WorldSize > 1)
            using (Torch.NoGrad())
                foreach (var b in Module.Buffers()) Dist.Broadcast(b, 0);
        return Module.Forward(x);
    }

    /// <summary>
    /// Turns gradient synchronisation off until disposed (PyTorch's <c>no_sync()</c>): backward passes inside accumulate
    /// gradients locally, and the first backward after it averages the accumulated gradients.
    /// </summary>
    public IDisposable NoSync()
    {
        CheckPreviousIterationFinished();
        _syncing = false;
        return new SyncScope(this);
    }

    private sealed class SyncScope(DistributedDataParallel owner) : IDisposable
    {
        public void Dispose() => owner._syncing = true;
    }

    // Runs on the backward pass's thread, once per parameter per backward, when its Grad is final.
    private void OnGradientReady(Tensor parameter)
    {
        if (!_syncing) return;
        var (bucket, slot) = _slots[parameter];
        if (!_readyThisIteration.Add(parameter))
            throw new InvalidOperationException(
                $"DistributedDataParallel: Expected to mark a variable ready only once, but parameter {Name(parameter)} received a second gradient " +
                "in one backward pass (it is used by two parts of the graph that deliver their gradients separately, or backward ran twice " +
                "without a forward in between). Use NoSync() for gradient accumulation.");
        bucket.Add(slot, parameter.GradInternal!);
        // Start complete buckets in index order, the same on every rank.
        while (_nextToStart < _buckets.Length && _buckets[_nextToStart].IsComplete)
            _buckets[_nextToStart++].Start(Dist.WorldSize);
        // MPI progresses non-blocking collectives inside MPI calls: poll the outstanding ones at each gradient.
        for (int i = 0; i < _nextToStart; i++) _buckets[i].Progress();
        if (_nextToStart < _buckets.Length) return;
        foreach (var b in _buckets) b.Finish();
        _nextToStart = 0;
        _readyThisIteration.Clear();
    }

    private void CheckPreviousIterationFinished()
    {
        if (_readyThisIteration.Count == 0) return;
        var missing = _slots.Keys.Where(p => !_readyThisIteration.Contains(p)).Select(Name).ToList();
        foreach (var b in _buckets) b.Reset();
        _readyThisIteration.Clear();
        _nextToStart = 0;
        throw new InvalidOperationException(
            "DistributedDataParallel: Expected to have finished reduction in the prior iteration before starting a new one. " +
            $"These parameters received no gradient in the previous backward: {string.Join(", ", missing)}. Every parameter that requires " +
            "grad must contribute to the loss on every rank (or set RequiresGrad = false on the unused ones).");
    }

    private string Name(Tensor parameter) =>
        Module.NamedParameters().FirstOrDefault(p => ReferenceEquals(p.Param, parameter)).Name ?? "<unnamed>";

    // PyTorch's _sync_module_states: rank 0's parameters and buffers to every rank.
    private static void SyncModuleStates(Module module)
    {
        if (Dist.WorldSize == 1) return;
        using (Torch.NoGrad())
        {
            foreach (var p in module.Parameters()) Dist.Broadcast(p, 0);
            foreach (var b in module.Buffers()) Dist.Broadcast(b, 0);
        }
    }
}
