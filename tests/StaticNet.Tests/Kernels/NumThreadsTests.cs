namespace StaticNet.Tests.CpuKernels; // not ".Kernels": that would shadow StaticNet.Kernels in other test files

/// <summary>Torch.SetNumThreads / GetNumThreads (torch.set_num_threads / get_num_threads).</summary>
public class NumThreadsTests
{
    [Fact]
    public void SetNumThreadsIsReadBackAndCappedAtTheProcessorCount()
    {
        int original = Torch.GetNumThreads();
        try
        {
            Torch.SetNumThreads(1);
            Assert.Equal(1, Torch.GetNumThreads());
            Torch.SetNumThreads(Environment.ProcessorCount + 5);
            Assert.Equal(Environment.ProcessorCount, Torch.GetNumThreads());
            // One thread still gives the right product (matmul runs on the calling thread).
            Torch.SetNumThreads(1);
            var a = Torch.Ones(100, 70);
            var b = Torch.Ones(70, 90);
            Assert.Equal(70f, Torch.Matmul(a, b)[99, 89].Item<float>());
        }
        finally
        {
            Torch.SetNumThreads(original);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void SetNumThreadsRejectsNonPositiveCounts(int count)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Torch.SetNumThreads(count));
        Assert.Contains($"set_num_threads expects a positive integer, got {count}", e.Message);
    }

    [Fact]
    public void GetNumThreadsDefaultsToAtLeastOne() => Assert.InRange(Torch.GetNumThreads(), 1, Environment.ProcessorCount);
}
