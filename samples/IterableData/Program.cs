// Seed 000's iterable-style dataset: a stream of the numbers start..end-1, loaded with and without workers.
// With workers and no sharding every worker streams the whole dataset (each sample comes twice with 2 workers);
// the sharded version asks DataLoader.GetWorkerInfo() for its share, as the seed's worker_init_fn does.
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

var sharded = new ShardedIterableDataset(start: 3, end: 7);
// Worker 0 fetched [3, 4].  Worker 1 fetched [5, 6].
Console.WriteLine(Show(new DataLoader<long>(sharded, numWorkers: 2)));
Console.WriteLine();
// With even more workers
Console.WriteLine(Show(new DataLoader<long>(sharded, numWorkers: 20)));
return 0;

// print(list(DataLoader(...))): a batch of single values prints as its tensor, tensor([3]).
static string Show(DataLoader<long> loader) => "[" + string.Join(", ", loader.Select(batch => batch.ToString())) + "]";
