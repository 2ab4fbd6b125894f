namespace StaticNet.Distributed;

/// <summary>
/// Which parameters share a gradient bucket, as PyTorch's reducer assigns them once it knows the order gradients become
/// ready: walking the parameters in that order (here the reverse of registration, which is backward's order for a model
/// whose forward uses its layers in the order they were declared), each joins the open bucket, and the bucket closes as
/// soon as it holds at least the limit: 1 MiB for the first (so the first allreduce starts early) and the cap for the rest.
/// </summary>
internal static class BucketAssignment
{
    /// <summary>PyTorch's <c>dist._DEFAULT_FIRST_BUCKET_BYTES</c>.</summary>
    public const long FirstBucketBytes = 1024 * 1024;

    /// <param name="parameters">The parameters that require grad, in registration order.</param>
    /// <param name="capBytes">The limit of every bucket after the first; the first is min(1 MiB, capBytes).</param>
    public static GradBucket[] Assign(IReadOnlyList<Tensor> parameters, long capBytes)
    {
        var buckets = new List<GradBucket>();
        var open = new List<Tensor>();
        long bytes = 0, limit = Math.Min(FirstBucketBytes, capBytes);
        for (int i = parameters.Count - 1; i >= 0; i--)
        {
            open.Add(parameters[i]);
            bytes += parameters[i].Numel * sizeof(float);
            if (bytes < limit) continue;
            buckets.Add(new GradBucket(buckets.Count, open));
            open.Clear();
            bytes = 0;
            limit = capBytes;
        }
        if (open.Count > 0) buckets.Add(new GradBucket(buckets.Count, open));
        return [.. buckets];
    }
}
