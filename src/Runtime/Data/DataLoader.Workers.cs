using System.Collections.Concurrent;

namespace StaticNet.Data;

public partial class DataLoader<T, TBatch>
{
    private WorkerInfo[] WorkerInfos(ulong baseSeed, Func<int, object> datasetOf) =>
        [.. Enumerable.Range(0, NumWorkers).Select(id => new WorkerInfo(id, NumWorkers, baseSeed + (ulong)id, datasetOf(id)))];

    // Each worker's own copy of the iterable dataset, made before any worker thread runs (PyTorch pickles the
    // dataset into each worker process), so that a workerInitFn that edits GetWorkerInfo().Dataset edits only its own.
    private IterableDataset<T> WorkerCopy(int id)
    {
        var dataset = IterableDataset!;
        IterableDataset<T>? copy;
        try
        {
            copy = dataset.CloneForWorker();
        }
        catch (NotSupportedException e)
        {
            throw new InvalidOperationException(
                $"{dataset.GetType().Name} cannot give DataLoader worker {id} of {NumWorkers} its own copy: {e.Message} " +
                "Override CloneForWorker to make one (or to return this for a thread-safe dataset), or use numWorkers: 0.", e);
        }
        return copy ?? throw new InvalidOperationException(
            $"{dataset.GetType().Name}.CloneForWorker returned null for DataLoader worker {id}; return a copy, or this to share the dataset.");
    }

    // Batch k goes to worker k % NumWorkers and comes back through that worker's FIFO queue, so reading the
    // workers' queues in the same rotation gives the batches in sampler order whatever the threads' timing.
    // The sampler runs on this (the consuming) thread, as in PyTorch, so its random draws keep their order.
    private IEnumerator<TBatch> MapWithWorkers(ulong baseSeed)
    {
        var inputs = new BlockingCollection<int[]>[NumWorkers];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = new();
        WorkerPool<TBatch>? pool = null;
        try
        {
            pool = new WorkerPool<TBatch>(WorkerInfos(baseSeed, _ => _map!), 0, WorkerInitFn, (p, id) => MapWorker(p, id, inputs[id]));
            using var batches = _batchSampler!.GetEnumerator();
            long sent = 0, received = 0;
            bool more = true;
            void SendOne()
            {
                if (more && (more = batches.MoveNext())) inputs[sent % NumWorkers].Add([.. batches.Current]);
                if (more) sent++;
            }
            while (more && sent < (long)PrefetchFactor * NumWorkers) SendOne();
            while (received < sent)
            {
                var result = pool.Take((int)(received++ % NumWorkers));
                if (result.Error is not null) throw result.Error;
                SendOne();
                yield return result.Batch!;
            }
        }
        finally
        {
            pool?.Dispose();
            foreach (var input in inputs) input.Dispose();
        }
    }

    private void MapWorker(WorkerPool<TBatch> pool, int id, BlockingCollection<int[]> input)
    {
        foreach (var indices in input.GetConsumingEnumerable(pool.Token))
        {
            WorkerResult<TBatch> result;
            var samples = new T[indices.Length];
            int i = 0;
            try
            {
                for (; i < samples.Length; i++)
                {
                    pool.Token.ThrowIfCancellationRequested();
                    samples[i] = _map![indices[i]];
                }
                result = new(Collate(samples), null, false);
            }
            catch (Exception e) when (!pool.Token.IsCancellationRequested)
            {
                result = WorkerResult<TBatch>.Failed(i < samples.Length
                    ? new DataLoaderWorkerException(id, indices[i], $"loading sample {indices[i]}", e)
                    : new DataLoaderWorkerException(id, null, $"collating a batch of samples {string.Join(", ", indices)}", e));
            }
            pool.Emit(id, result);
        }
    }

    // Every worker enumerates the dataset on its own thread; batches are taken round-robin from the workers still
    // running (PyTorch cycles through its workers and skips those that reported the end of their stream).
    private IEnumerator<TBatch> IterableWithWorkers(ulong baseSeed)
    {
        WorkerPool<TBatch>? pool = null;
        try
        {
            pool = new WorkerPool<TBatch>(WorkerInfos(baseSeed, WorkerCopy), PrefetchFactor, WorkerInitFn, IterableWorker);
            var active = Enumerable.Range(0, NumWorkers).ToList();
            int next = 0;
            while (active.Count > 0)
            {
                var result = pool.Take(active[next]);
                if (result.End)
                {
                    active.RemoveAt(next);
                    if (next == active.Count) next = 0;
                    continue;
                }
                if (result.Error is not null) throw result.Error;
                next = (next + 1) % active.Count;
                yield return result.Batch!;
            }
        }
        finally
        {
            pool?.Dispose();
        }
    }

    private void IterableWorker(WorkerPool<TBatch> pool, int id)
    {
        int position = 0;
        var batch = new List<T>(BatchSize);
        try
        {
            using var samples = ((IterableDataset<T>)pool.Info(id).Dataset).GetEnumerator();
            while (true)
            {
                pool.Token.ThrowIfCancellationRequested();
                if (!samples.MoveNext()) break;
                batch.Add(samples.Current);
                position++;
                if (batch.Count == BatchSize)
                {
                    pool.Emit(id, CollateOn(id, batch));
                    batch = new List<T>(BatchSize);
                }
            }
            if (batch.Count > 0 && !DropLast) pool.Emit(id, CollateOn(id, batch));
        }
        catch (Exception e) when (!pool.Token.IsCancellationRequested)
        {
            pool.Emit(id, WorkerResult<TBatch>.Failed(
                new DataLoaderWorkerException(id, position, $"loading sample {position} of its stream from {IterableDataset!.GetType().Name}", e)));
        }
        pool.Emit(id, WorkerResult<TBatch>.EndOfStream);
    }

    private WorkerResult<TBatch> CollateOn(int id, List<T> batch)
    {
        try
        {
            return new(Collate(batch), null, false);
        }
        catch (Exception e)
        {
            return WorkerResult<TBatch>.Failed(new DataLoaderWorkerException(id, null, "collating a batch", e));
        }
    }
}
