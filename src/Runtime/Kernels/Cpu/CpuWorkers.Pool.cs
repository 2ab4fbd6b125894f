using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace StaticNet.Kernels.Cpu;

/// <summary>The worker threads and the one job they share (see <see cref="CpuWorkers"/>).</summary>
/// <remarks>
/// One job at a time: a caller claims <c>s_busy</c>, fills the job fields, then publishes them by bumping the
/// generation in <c>s_job</c> (which also carries how many workers take part, so a worker reads both in one
/// load). It cannot publish the next job before every taking-part worker has decremented <c>s_pending</c>, so
/// the fields stay stable while they are read. Bodies are reached through a pointer to the caller's stack,
/// which stays valid because the caller waits for the job to end.
/// </remarks>
internal static unsafe partial class CpuWorkers
{
    // How long an idle worker spins before it blocks: long enough to catch the next kernel of a training step.
    private static readonly long s_spinTicks = Stopwatch.Frequency / 10_000; // 100 µs
    private static readonly object s_gate = new();
    private static readonly int s_workers = Math.Max(0, Environment.ProcessorCount - 1);
    private static bool s_started;

    private static long s_job; // (generation << 8) | taking-part workers
    private static int s_busy, s_sleeping, s_pending, s_next, s_count;
    private static delegate*<void*, int, int, void> s_fn;
    private static void* s_state;
    private static Exception? s_error;

    [ThreadStatic] private static bool t_inside;

    /// <summary>True on a worker thread and on a caller while its job runs (calls from there run inline).</summary>
    internal static bool InsideJob => t_inside;

    private static bool TryBegin(int threads, int count, delegate*<void*, int, int, void> fn, void* state, out int members)
    {
        members = 1;
        int helpers = Math.Min(Math.Min(threads - 1, s_workers), 255);
        if (helpers <= 0 || t_inside || Interlocked.CompareExchange(ref s_busy, 1, 0) != 0) return false;
        if (!s_started) Start();
        members = helpers + 1;
        s_fn = fn;
        s_state = state;
        s_count = count;
        s_next = 0;
        s_error = null;
        s_pending = helpers;
        Interlocked.Exchange(ref s_job, ((s_job >> 8) + 1) << 8 | (long)helpers);
        if (Volatile.Read(ref s_sleeping) > 0)
            lock (s_gate) Monitor.PulseAll(s_gate);
        return true;
    }

    /// <summary>The caller's share, then the wait for the workers; rethrows the first exception.</summary>
    private static void Execute(int members)
    {
        t_inside = true;
        try { Participate(0, members); }
        finally { t_inside = false; }
        var spin = new SpinWait();
        while (Volatile.Read(ref s_pending) > 0) spin.SpinOnce(sleep1Threshold: -1);
        var error = s_error;
        s_error = null;
        s_state = null;
        Volatile.Write(ref s_busy, 0);
        if (error is not null) ExceptionDispatchInfo.Capture(error).Throw();
    }

    private static void Participate(int member, int members)
    {
        int count = s_count;
        if (count < 0)
        {
            try { s_fn(s_state, member, members); }
            catch (Exception e) { Interlocked.CompareExchange(ref s_error, e, null); }
            return;
        }
        while (true)
        {
            int i = Interlocked.Increment(ref s_next) - 1;
            if (i >= count) return;
            try { s_fn(s_state, i, members); }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref s_error, e, null);
                Volatile.Write(ref s_next, count); // skip what is left
            }
        }
    }

    private static void Start()
    {
        lock (s_gate)
        {
            if (s_started) return;
            // Workers start from the current generation: the job about to be published is their first.
            long initial = s_job;
            for (int w = 1; w <= s_workers; w++)
            {
                int id = w;
                new Thread(() => WorkerLoop(id, initial)) { IsBackground = true, Name = $"StaticNet CPU worker {id}" }.Start();
            }
            s_started = true;
        }
    }

    private static void WorkerLoop(int id, long seen)
    {
        t_inside = true;
        while (true)
        {
            long job = WaitForJob(seen);
            seen = job;
            int helpers = (int)(job & 0xFF);
            if (id > helpers) continue;
            Participate(id, helpers + 1);
            Interlocked.Decrement(ref s_pending);
        }
    }

    private static long WaitForJob(long seen)
    {
        long job;
        long until = Stopwatch.GetTimestamp() + s_spinTicks;
        while ((job = Volatile.Read(ref s_job)) == seen)
        {
            if (Stopwatch.GetTimestamp() < until)
            {
                Thread.SpinWait(20);
                continue;
            }
            lock (s_gate)
            {
                // The increment is a full fence: either the publisher sees the sleeper and pulses, or we see the job.
                Interlocked.Increment(ref s_sleeping);
                while ((job = Volatile.Read(ref s_job)) == seen) Monitor.Wait(s_gate);
                Interlocked.Decrement(ref s_sleeping);
            }
            return job;
        }
        return job;
    }
}
