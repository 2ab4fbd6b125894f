using StaticNet.NN;

namespace StaticNet.Distributed;

/// <summary>
/// Checks that every rank wraps the same architecture before any gradient is averaged (PyTorch's
/// <c>_verify_param_shape_across_processes</c>): ranks whose models differ would otherwise sum unrelated numbers, or
/// deadlock when their buckets differ in number.
/// </summary>
internal static class ModelConsistency
{
    public static void Verify(Module module)
    {
        long count = 0, elements = 0;
        ulong hash = 14695981039346656037; // FNV-1a over every parameter's and buffer's dtype and shape, in order
        foreach (var t in module.Parameters().Concat(module.Buffers()))
        {
            count++;
            elements += t.Numel;
            hash = Mix(hash, (ulong)t.DType);
            foreach (long d in t.Shape.ToArray()) hash = Mix(hash, (ulong)d);
        }
        long[] mine = [count, elements, (long)(hash >> 1)];
        var max = Torch.Tensor(mine);
        var min = Torch.Tensor(mine);
        Dist.AllReduce(max, ReduceOp.Max);
        Dist.AllReduce(min, ReduceOp.Min);
        if (max.Equal(min)) return;
        throw new DistributedException(
            $"DistributedDataParallel: the ranks' models differ. Rank {Dist.Rank} has {count} parameters and buffers with {elements} elements; " +
            $"across ranks the counts range over [{min[0].Item<long>()}, {max[0].Item<long>()}] and the elements over " +
            $"[{min[1].Item<long>()}, {max[1].Item<long>()}] (or the shapes differ). Every rank must construct the same model.");
    }

    private static ulong Mix(ulong hash, ulong value)
    {
        for (int i = 0; i < 8; i++, value >>= 8) hash = (hash ^ (value & 0xFF)) * 1099511628211;
        return hash;
    }
}
