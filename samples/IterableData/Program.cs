// Seed 000's iterable-style dataset: a stream of the numbers start..end-1, loaded with and without workers.
// Each worker reads its own copy of the dataset, as PyTorch's worker processes do: with no sharding every worker
// streams the whole range (each sample comes twice with 2 workers); the seed's worker_init_fn narrows its worker's
// copy to that worker's share.
//   dotnet run -c Release --project samples/IterableData [-- --smoke]
using IterableDataSample;
using StaticNet.Data;

var ds = new MyIterableDataset(start: 3, end: 7); // [3, 4, 5, 6]
// Single-process loading
Console.WriteLine(Show(new DataLoader<long>(ds, numWorkers: 0)));
Console.WriteLine();
// Directly doing multi-process loading: each worker enumerates the whole stream
Console.WriteLine(Show(new DataLoader<long>(ds, numWorkers: 2)));
Console.WriteLine();

// Worker 0 fetched [3, 4].  Worker 1 fetched [5, 6].
Console.WriteLine(Show(new DataLoader<long>(ds, numWorkers: 2, workerInitFn: WorkerInitFn)));
Console.WriteLine();
// With even more workers
Console.WriteLine(Show(new DataLoader<long>(ds, numWorkers: 20, workerInitFn: WorkerInitFn)));
return 0;

// def worker_init_fn(worker_id): configure this worker's copy of the dataset to only process its split.
static void WorkerInitFn(int workerId)
{
    var workerInfo = DataLoader.GetWorkerInfo()!;
    var dataset = (MyIterableDataset)workerInfo.Dataset; // the dataset copy in this worker
    long overallStart = dataset.Start;
    long overallEnd = dataset.End;
    long perWorker = (long)Math.Ceiling((overallEnd - overallStart) / (double)workerInfo.NumWorkers);
    workerId = workerInfo.Id;
    dataset.Start = overallStart + workerId * perWorker;
    dataset.End = Math.Min(dataset.Start + perWorker, overallEnd);
}

// print(list(DataLoader(...))): a batch of single values prints as its tensor, tensor([3]).
static string Show(DataLoader<long> loader) => "[" + string.Join(", ", loader.Select(batch => batch.ToString())) + "]";
