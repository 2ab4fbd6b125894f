using StaticNet.Kernels.Cpu;

namespace StaticNet.Tests.CpuKernels; // not ".Kernels": that would shadow StaticNet.Kernels in other test files

/// <summary>The CPU kernels' fork-join: coverage of the index range, exceptions, nesting and teams.</summary>
/// <remarks>
/// Runs alone: the tests count team members, and a kernel of a test running in parallel that holds the pool would
/// make these calls contended (a team of one).
/// </remarks>
[Collection(nameof(CpuWorkersCollection))]
public class CpuWorkersTests
{
    private struct CountBody(int[] hits) : IParallelBody
    {
        public readonly void Invoke(int index) => Interlocked.Increment(ref hits[index]);
    }

    [Fact]
    public void ForRunsEveryIndexExactlyOnce()
    {
        var hits = new int[1000];
        var body = new CountBody(hits);
        for (int round = 0; round < 20; round++) CpuWorkers.For(hits.Length, ref body, 2);
        Assert.All(hits, h => Assert.Equal(20, h));
    }

    private struct ThrowingTeam : ITeamBody
    {
        public readonly void Invoke(int member, int members)
        {
            // The last member is a worker thread whenever the team has more than one member.
            if (member == members - 1) throw new InvalidOperationException($"member {member} of {members} failed");
        }
    }

    [Fact]
    public void ExceptionInAWorkerIsRethrownOnTheCaller()
    {
        var body = new ThrowingTeam();
        int members = Math.Min(2, Environment.ProcessorCount);
        var e = Assert.Throws<InvalidOperationException>(() => CpuWorkers.Team(2, ref body));
        Assert.Equal($"member {members - 1} of {members} failed", e.Message);
        // The pool keeps working after a failed job.
        var hits = new int[64];
        var count = new CountBody(hits);
        CpuWorkers.For(hits.Length, ref count, 2);
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    private struct FailingFor : IParallelBody
    {
        public readonly void Invoke(int index)
        {
            if (index == 5) throw new ArgumentException("index 5 failed");
        }
    }

    [Fact]
    public void ExceptionInAForIterationIsRethrown()
    {
        var body = new FailingFor();
        Assert.Equal("index 5 failed", Assert.Throws<ArgumentException>(() => CpuWorkers.For(100, ref body, 2)).Message);
    }

    private struct OuterBody(int[] inner, int[] sameThread) : IParallelBody
    {
        public readonly void Invoke(int index)
        {
            var body = new InnerBody(inner, sameThread, Environment.CurrentManagedThreadId);
            CpuWorkers.For(8, ref body, 2);
        }
    }

    private struct InnerBody(int[] hits, int[] sameThread, int outerThread) : IParallelBody
    {
        public readonly void Invoke(int index)
        {
            Interlocked.Increment(ref hits[index]);
            if (Environment.CurrentManagedThreadId == outerThread) Interlocked.Increment(ref sameThread[0]);
        }
    }

    [Fact]
    public void NestedCallsRunInlineOnTheCallingThread()
    {
        int[] inner = new int[8], sameThread = new int[1];
        var body = new OuterBody(inner, sameThread);
        CpuWorkers.For(4, ref body, 2);
        Assert.All(inner, h => Assert.Equal(4, h));
        Assert.Equal(32, sameThread[0]);
        Assert.False(CpuWorkers.InsideJob);
    }

    private struct BarrierTeam(int[] log) : ITeamBody
    {
        private CpuWorkers.Barrier _barrier;

        public void Invoke(int member, int members)
        {
            for (int phase = 0; phase < 50; phase++)
            {
                Interlocked.Increment(ref log[phase]);
                _barrier.Wait(members);
                // After the barrier every member has logged this phase.
                if (Volatile.Read(ref log[phase]) != members) log[^1] = -1;
                _barrier.Wait(members);
            }
        }
    }

    [Fact]
    public void TeamMembersMeetAtTheBarrierInEveryPhase()
    {
        var log = new int[51];
        var body = new BarrierTeam(log);
        CpuWorkers.Team(2, ref body);
        int members = Math.Min(2, Environment.ProcessorCount);
        Assert.All(log[..50], h => Assert.Equal(members, h));
        Assert.Equal(0, log[50]);
    }
}

/// <summary>Runs <see cref="CpuWorkersTests"/> after the parallel tests, on an idle pool.</summary>
[CollectionDefinition(nameof(CpuWorkersCollection), DisableParallelization = true)]
public class CpuWorkersCollection;
