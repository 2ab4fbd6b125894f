using StaticNet.Distributed.Worker;

namespace StaticNet.Distributed.Tests;

/// <summary>
/// Gradient buckets for seed 000's network (fc1 401 408 + 512, fc2 131 072 + 256, fc3 2 560 + 10 float32 elements),
/// assigned in reverse registration order, each closing once it holds at least its limit (1 MiB for the first).
/// </summary>
public class BucketAssignmentTests
{
    private static string[][] Buckets(double capMB)
    {
        var model = SeedTraining.Declared(0);
        var names = new Dictionary<Tensor, string>(ReferenceEqualityComparer.Instance);
        foreach (var (name, p) in model.NamedParameters()) names[p] = name;
        return [.. BucketAssignment.Assign(model.Parameters().ToList<Tensor>(), (long)(capMB * 1024 * 1024))
            .Select(b => b.Parameters.Select(p => names[p]).ToArray())];
    }

    [Fact]
    public void PyTorchsDefaultCapPutsSeed000InOneBucket()
    {
        // fc3, fc2 and fc1.bias make 537 640 bytes < 1 MiB; fc1.weight takes the first bucket past it, and nothing is left.
        string[] all = ["linear_relu_stack.4.bias", "linear_relu_stack.4.weight", "linear_relu_stack.2.bias", "linear_relu_stack.2.weight",
            "linear_relu_stack.0.bias", "linear_relu_stack.0.weight"];
        Assert.Equal([all], Buckets(25));
    }

    [Fact]
    public void ASmallCapSplitsAfterTheFirstBucketReachesIt()
    {
        // 0.25 MiB: fc3 (10 280 bytes) stays open, fc2.weight (524 288) closes the bucket; fc1 is the second.
        Assert.Equal(
            [["linear_relu_stack.4.bias", "linear_relu_stack.4.weight", "linear_relu_stack.2.bias", "linear_relu_stack.2.weight"],
             ["linear_relu_stack.0.bias", "linear_relu_stack.0.weight"]],
            Buckets(0.25));
        // 1e-5 MiB (10 bytes): every parameter closes its own bucket.
        Assert.Equal(6, Buckets(1e-5).Length);
    }
}
