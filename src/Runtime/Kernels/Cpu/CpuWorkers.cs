using System.Runtime.CompilerServices;

namespace StaticNet.Kernels.Cpu;

/// <summary>One iteration of a <see cref="CpuWorkers.For{TBody}"/> loop.</summary>
internal interface IParallelBody
{
    /// <summary>Runs iteration <paramref name="index"/>; iterations may run in any order, on any thread.</summary>
    void Invoke(int index);
}

/// <summary>The body of a <see cref="CpuWorkers.Team{TBody}"/> region: every member runs it at the same time.</summary>
internal interface ITeamBody
{
    /// <summary>Runs member <paramref name="member"/> of <paramref name="members"/> (all running concurrently).</summary>
    void Invoke(int member, int members);
}

/// <summary>
/// The CPU kernels' fork-join: persistent worker threads (one per core but the caller's) that spin briefly
/// and then block between jobs. Allocation-free: the body is a struct on the caller's stack, reached through
/// a pointer and a static generic trampoline, so no closure, task or delegate is created per call.
/// </summary>
/// <remarks>
/// The calling thread runs a share of the work. A call made from inside a job (a nested call) or while another
/// thread's job is running runs inline on the calling thread. The first exception thrown by any participant
/// is rethrown on the caller once every participant has stopped; the remaining iterations are skipped.
/// </remarks>
internal static unsafe partial class CpuWorkers
{
    /// <summary>Runs <paramref name="body"/> for every index in [0, count) on up to <paramref name="maxThreads"/> threads.</summary>
    /// <param name="maxThreads">0: <see cref="CpuParallelism.MaxThreads"/>.</param>
    public static void For<TBody>(int count, ref TBody body, int maxThreads = 0) where TBody : struct, IParallelBody
    {
        if (count <= 0) return;
        int threads = Math.Min(count, maxThreads > 0 ? maxThreads : CpuParallelism.MaxThreads);
        if (threads <= 1 || !TryBegin(threads, count, &ForTrampoline<TBody>, Unsafe.AsPointer(ref body), out int members))
        {
            for (int i = 0; i < count; i++) body.Invoke(i);
            return;
        }
        Execute(members);
    }

    /// <summary>
    /// Runs <paramref name="body"/> once per member on up to <paramref name="maxThreads"/> threads, all at the same
    /// time (members may wait for each other); a nested or contended call gets a team of one.
    /// </summary>
    public static void Team<TBody>(int maxThreads, ref TBody body) where TBody : struct, ITeamBody
    {
        int threads = maxThreads > 0 ? maxThreads : CpuParallelism.MaxThreads;
        if (threads <= 1 || !TryBegin(threads, -1, &TeamTrampoline<TBody>, Unsafe.AsPointer(ref body), out int members))
        {
            body.Invoke(0, 1);
            return;
        }
        Execute(members);
    }

    private static void ForTrampoline<TBody>(void* state, int index, int members) where TBody : struct, IParallelBody =>
        Unsafe.AsRef<TBody>(state).Invoke(index);

    private static void TeamTrampoline<TBody>(void* state, int member, int members) where TBody : struct, ITeamBody =>
        Unsafe.AsRef<TBody>(state).Invoke(member, members);

    /// <summary>
    /// A spinning barrier for <see cref="Team{TBody}"/> members (sense-reversing, so it is reusable; the default
    /// value is ready). Every member must reach every Wait: a member that throws between two Waits strands the others.
    /// </summary>
    public struct Barrier
    {
        private int _waiting;
        private int _sense;

        /// <summary>Returns once all <paramref name="members"/> have called it.</summary>
        public void Wait(int members)
        {
            int sense = Volatile.Read(ref _sense);
            if (Interlocked.Increment(ref _waiting) == members)
            {
                _waiting = 0;
                Volatile.Write(ref _sense, sense ^ 1);
                return;
            }
            var spin = new SpinWait();
            while (Volatile.Read(ref _sense) == sense) spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
