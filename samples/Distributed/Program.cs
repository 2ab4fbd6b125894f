// Seed 000's quickstart trained data-parallel: every rank holds a replica, reads its DistributedSampler share of each
// global batch of 64, and DistributedDataParallel averages the gradients during backward, so the replicas take the
// steps one process would take with batches of 64.
//   mpirun -np 2 dotnet run -c Release --project samples/Distributed [-- --epochs 3] [-- --smoke]
// Without mpirun it trains as a single process (the same code, world size 1, no DistributedDataParallel).
using FashionMnistSample;
using StaticNet;
using StaticNet.Data;
using StaticNet.Distributed;
using StaticNet.NN;
using StaticNet.Optim;
using StaticNet.Vision;

int epochs = 3;
bool smoke = args.Contains("--smoke");            // CI: a few batches, to check the sample end to end quickly
int at = Array.IndexOf(args, "--epochs");
if (at >= 0 && at + 1 < args.Length) epochs = int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture);
string root = Environment.GetEnvironmentVariable("FASHION_MNIST_ROOT") ?? StaticNet.Vision.FashionMnist.DefaultRoot;
if (!File.Exists(Path.Combine(root, "train-images-idx3-ubyte.gz")) && !File.Exists(Path.Combine(root, "train-images-idx3-ubyte")))
{
    Console.Error.WriteLine($"Fashion-MNIST was not found in {root}: sudo apt-get install -y dataset-fashion-mnist, or set FASHION_MNIST_ROOT.");
    return 2;
}

bool distributed = Dist.IsLaunched;
if (distributed) Dist.InitProcessGroup();
int rank = distributed ? Dist.Rank : 0, worldSize = distributed ? Dist.WorldSize : 1;
const int globalBatch = 64;
int batchSize = globalBatch / worldSize;
if (batchSize * worldSize != globalBatch) throw new ArgumentException($"the global batch of {globalBatch} does not split over {worldSize} ranks");
// Ranks on one machine share its cores: give each its part (mpirun tells each rank how many share the node).
if (distributed && int.TryParse(Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_LOCAL_SIZE"), out int local) && local > 1)
    Torch.SetNumThreads(Math.Max(1, Environment.ProcessorCount / local));
void Log(string line) { if (rank == 0) Console.WriteLine(line); }

Torch.ManualSeed((ulong)rank); // each rank's Dropout draws its own masks; the weights come from rank 0 (DDP broadcasts them)
var trainingData = new StaticNet.Vision.FashionMnist(root, train: true, transform: new ToTensor());
var testData = new StaticNet.Vision.FashionMnist(root, train: false, transform: new ToTensor());
var trainSampler = new DistributedSampler(trainingData, numReplicas: worldSize, rank: rank, shuffle: true, seed: 0);
var testSampler = new DistributedSampler(testData, numReplicas: worldSize, rank: rank, shuffle: false);
var trainDataloader = new DataLoader<(Tensor Image, long Label)>(trainingData, batchSize: batchSize, sampler: trainSampler);
var testDataloader = new DataLoader<(Tensor Image, long Label)>(testData, batchSize: batchSize, sampler: testSampler);

var network = new NeuralNetwork();
Module model = distributed ? new DistributedDataParallel(network) : network;
Log(distributed ? $"{worldSize} ranks on {Dist.Backend}" : "1 process (start with mpirun -np N for data-parallel training)");
Log($"global batch {globalBatch} = {worldSize} × {batchSize}");
Log(model.ToString());

var lossFn = new CrossEntropyLoss();
var optimizer = new SGD(model.Parameters(), lr: 1e-3);
int maxBatches = smoke ? 20 : int.MaxValue;
for (int t = 0; t < (smoke ? 1 : epochs); t++)
{
    Log($"Epoch {t + 1}\n-------------------------------");
    trainSampler.SetEpoch(t); // a new shuffle each epoch, the same on every rank
    var watch = System.Diagnostics.Stopwatch.StartNew();
    model.Train();
    int batch = 0;
    foreach (var (X, y) in trainDataloader)
    {
        var loss = lossFn.Forward(model.Forward(X), y);
        optimizer.ZeroGrad();
        loss.Backward();      // gradients averaged over the ranks here
        optimizer.Step();
        if (++batch % 100 == 0 || batch == maxBatches)
            Log($"loss: {loss.Item<float>(),7:F6}  [{batch * globalBatch,5}/{trainSampler.TotalSize,5}]  (rank 0's share)");
        if (batch >= maxBatches) break;
    }
    Log($"(epoch time {watch.Elapsed.TotalSeconds:F1} s)");
    Test(model, testDataloader, lossFn, maxBatches);
}
if (rank == 0)
{
    // The wrapped module's state dict (keys without DDP's "module." prefix), loadable by the FashionMnist sample.
    var path = Path.Combine(Path.GetTempPath(), "staticnet-distributed-model.pth");
    Torch.Save(network.StateDict(), path);
    Console.WriteLine($"Saved PyTorch Model State to {path}");
}
Log("Done!");
return 0;

// Each rank tests its share of the test set; the sums are added over the ranks with one AllReduce.
void Test(Module model, DataLoader<(Tensor Image, long Label)> dataloader, CrossEntropyLoss lossFn, int maxBatches)
{
    var sums = Torch.Zeros([3], DType.Float64); // loss · batches, correct, samples
    model.Eval();
    using (Torch.NoGrad())
    {
        int batches = 0;
        foreach (var (X, y) in dataloader)
        {
            var pred = model.Forward(X);
            sums += Torch.Tensor(new[] { lossFn.Forward(pred, y).Item<double>(), (pred.Argmax(-1) == y).To(DType.Float64).Sum().Item<double>(), X.Size(0) }, DType.Float64);
            if (++batches >= maxBatches) break;
        }
        sums[0] = sums[0] / batches;
    }
    if (distributed) Dist.AllReduce(sums, ReduceOp.Sum);
    var s = sums.ToArray<double>();
    Log($"Test Error: \n Accuracy: {100 * s[1] / s[2]:F1}%, Avg loss: {s[0] / worldSize,8:F6} \n");
}
