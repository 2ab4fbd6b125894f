namespace StaticNet.Data;

/// <summary>
/// An exception thrown inside a DataLoader worker, re-thrown in the loop that consumes the batches, at the batch
/// where it happened (PyTorch's "Caught ValueError in DataLoader worker process 0"). The original exception, with
/// its stack trace on the worker, is the <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class DataLoaderWorkerException : Exception
{
    /// <summary>Wraps <paramref name="inner"/>, thrown by worker <paramref name="workerId"/> while <paramref name="activity"/>.</summary>
    public DataLoaderWorkerException(int workerId, int? sampleIndex, string activity, Exception inner)
        : base($"Caught {inner.GetType().Name} in DataLoader worker {workerId} while {activity}: {inner.Message}", inner)
    {
        WorkerId = workerId;
        SampleIndex = sampleIndex;
    }

    /// <summary>The worker's id (0..numWorkers-1).</summary>
    public int WorkerId { get; }

    /// <summary>
    /// The sample being loaded: its dataset index for a map-style dataset, its position in the worker's own stream
    /// for an iterable dataset; null when the failure was in <c>workerInitFn</c> or the collate function.
    /// </summary>
    public int? SampleIndex { get; }
}
