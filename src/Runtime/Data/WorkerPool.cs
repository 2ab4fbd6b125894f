using System.Collections.Concurrent;

namespace StaticNet.Data;

/// <summary>What a worker hands the consumer: a batch, an error to re-throw, or the end of its stream.</summary>
internal readonly record struct WorkerResult<TBatch>(TBatch? Batch, Exception? Error, bool End)
{
    public static WorkerResult<TBatch> Failed(Exception error) => new(default, error, false);
    public static readonly WorkerResult<TBatch> EndOfStream = new(default, null, true);
}

/// <summary>
/// The DataLoader's worker threads: one dedicated background thread per worker, each writing results to its own
/// FIFO queue, which the consuming loop reads in a fixed order (that is what makes the batch order independent of
/// thread timing). Disposing cancels every blocking wait, then joins each thread, so no worker outlives the loop;
/// a worker busy inside the dataset finishes the sample it is loading first (threads cannot be killed safely).
/// </summary>
internal sealed class WorkerPool<TBatch> : IDisposable
{
    private readonly Thread[] _threads;
    private readonly BlockingCollection<WorkerResult<TBatch>>[] _outputs;
    private readonly CancellationTokenSource _stop = new();
    private readonly WorkerInfo[] _infos;
    private readonly Action<int>? _init;
    private readonly Action<WorkerPool<TBatch>, int> _body;

    /// <param name="infos">One WorkerInfo per worker.</param>
    /// <param name="capacity">Results each worker may queue before it waits (0: no bound; the consumer limits them).</param>
    /// <param name="init">The loader's workerInitFn, run first on each worker.</param>
    /// <param name="body">The worker's loop, given this pool and its id; it reports through <see cref="Emit"/>.</param>
    public WorkerPool(WorkerInfo[] infos, int capacity, Action<int>? init, Action<WorkerPool<TBatch>, int> body)
    {
        _infos = infos;
        _init = init;
        _body = body;
        _outputs = new BlockingCollection<WorkerResult<TBatch>>[infos.Length];
        _threads = new Thread[infos.Length];
        for (int id = 0; id < infos.Length; id++)
        {
            _outputs[id] = capacity > 0 ? new(capacity) : new();
            int workerId = id;
            _threads[id] = new Thread(() => Run(workerId)) { IsBackground = true, Name = $"DataLoader worker {id}" };
        }
        foreach (var thread in _threads) thread.Start();
    }

    /// <summary>Cancelled when the loop stops; workers poll it between samples.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The worker threads (for tests that check none is left running).</summary>
    public IReadOnlyList<Thread> Threads => _threads;

    /// <summary>Worker <paramref name="id"/>'s WorkerInfo.</summary>
    public WorkerInfo Info(int id) => _infos[id];

    /// <summary>Queues a result of worker <paramref name="id"/>; waits while its queue is full.</summary>
    public void Emit(int id, WorkerResult<TBatch> result) => _outputs[id].Add(result, _stop.Token);

    /// <summary>The next result of worker <paramref name="id"/>, waiting for it.</summary>
    public WorkerResult<TBatch> Take(int id)
    {
        while (true)
        {
            if (_outputs[id].TryTake(out var result, 100)) return result;
            // A worker only exits after its last result, so an empty queue of a dead worker is a bug, not a wait.
            if (!_threads[id].IsAlive && _outputs[id].Count == 0)
                throw new InvalidOperationException($"DataLoader worker {id} exited unexpectedly");
        }
    }

    private void Run(int id)
    {
        DataLoader.SetWorkerInfo(_infos[id]);
        try
        {
            try
            {
                _init?.Invoke(id);
            }
            catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
            {
                Emit(id, WorkerResult<TBatch>.Failed(new DataLoaderWorkerException(id, null, "running workerInitFn", e)));
                return;
            }
            _body(this, id);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The loop was left early: nothing more to report.
        }
        catch (ObjectDisposedException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var thread in _threads) thread.Join();
        foreach (var output in _outputs) output.Dispose();
        _stop.Dispose();
    }
}
