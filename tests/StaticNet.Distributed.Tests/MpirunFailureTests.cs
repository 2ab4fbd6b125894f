namespace StaticNet.Distributed.Tests;

/// <summary>
/// Collectives against hand-derived values, and failures that end the job promptly with the rank and the reason
/// instead of leaving the other ranks waiting in a collective: a rank that throws, and a rank that never arrives (the
/// collective timeout).
/// </summary>
public class MpirunFailureTests
{
    [MpiFact]
    public void CollectivesGiveHandDerivedResultsOnEveryRank()
    {
        var run = Mpirun.Run(2, "collectives");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("rank 0/2: collectives ok", run.Output);
        Assert.Contains("rank 1/2: collectives ok", run.Output);
        Assert.Contains("Open MPI", run.Output);
    }

    [MpiFact]
    public void ARankThatThrowsFailsTheJobWithItsRankAndMessage()
    {
        var run = Mpirun.Run(2, "throw", "1");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("[rank 1/2] failed with an unhandled exception; aborting the job.", run.Output);
        Assert.Contains("System.InvalidOperationException: rank 1 failed on purpose before the AllReduce", run.Output);
        Assert.DoesNotContain("did not complete", run.Output); // rank 0 was ended by the abort, not by its timeout
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(30), $"took {run.Elapsed}");
    }

    [MpiFact]
    public void ACollectiveWhosePeerNeverArrivesTimesOutAndAbortsTheJob()
    {
        var run = Mpirun.Run(2, "hang", "1", "2");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("[rank 0/2] Dist.AllReduce of 4 float32 elements did not complete within 2 s", run.Output);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(30), $"took {run.Elapsed} (rank 1 sleeps 60 s)");
    }

    [Fact]
    public void InitProcessGroupOutsideALauncherSaysHowToStartTheJob()
    {
        var run = Mpirun.RunAlone("unlaunched");
        Assert.True(run.ExitCode == 3, run.Output);
        Assert.Contains("Dist.InitProcessGroup: this process was not started by an MPI launcher", run.Output);
        Assert.Contains("mpirun -np 2", run.Output);
    }

    [Fact]
    public void DistributedDataParallelNeedsAnInitialisedGroup()
    {
        var e = Assert.Throws<DistributedException>(() => new DistributedDataParallel(new NN.Linear(2, 2)));
        Assert.Contains("Default process group has not been initialized", e.Message);
        Assert.Throws<DistributedException>(() => Dist.Rank);
        Assert.Throws<DistributedException>(() => Dist.AllReduce(Torch.Ones(2)));
    }
}
