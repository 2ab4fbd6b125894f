// The quickstart of seeds 000 and 004 in C#: load Fashion-MNIST, train the declared network with AdamW,
// test it after every epoch, save the weights, load them into a new model and predict.
//   dotnet run -c Release --project samples/FashionMnist [-- --epochs 3] [-- --smoke]
using FashionMnistSample;
using StaticNet;
using StaticNet.Data;
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
    Console.Error.WriteLine($"Fashion-MNIST was not found in {root}.");
    Console.Error.WriteLine("Install Debian's package:  sudo apt-get install -y dataset-fashion-mnist");
    Console.Error.WriteLine("or put the four IDX files (train-images-idx3-ubyte.gz, ...) in a folder and set FASHION_MNIST_ROOT to it.");
    return 2;
}

Torch.ManualSeed(0);
var trainingData = new StaticNet.Vision.FashionMnist(root, train: true, transform: new ToTensor());
var testData = new StaticNet.Vision.FashionMnist(root, train: false, transform: new ToTensor());
const int batchSize = 64;
var trainDataloader = new DataLoader<(Tensor Image, long Label)>(trainingData, batchSize: batchSize, shuffle: true);
var testDataloader = new DataLoader<(Tensor Image, long Label)>(testData, batchSize: batchSize);

Console.WriteLine($"Using {Device.Cpu} device");
var model = new NeuralNetwork();
Console.WriteLine(model);

const double learningRate = 1e-3;
var lossFn = new CrossEntropyLoss();
var optimizer = new AdamW(model.Parameters(), lr: learningRate);
int maxBatches = smoke ? 20 : int.MaxValue;

for (int t = 0; t < (smoke ? 1 : epochs); t++)
{
    Console.WriteLine($"Epoch {t + 1}\n-------------------------------");
    var watch = System.Diagnostics.Stopwatch.StartNew();
    TrainLoop(trainDataloader, model, lossFn, optimizer, maxBatches);
    Console.WriteLine($"(epoch time {watch.Elapsed.TotalSeconds:F1} s)");
    TestLoop(testDataloader, model, lossFn, maxBatches);
}
Console.WriteLine("Done!");

// Save the weights, load them into a fresh model, and predict as seed 000 does.
var path = Path.Combine(Path.GetTempPath(), "staticnet-fashion-mnist-model.pth");
Torch.Save(model.StateDict(), path);
Console.WriteLine($"Saved PyTorch Model State to {path}");
var loaded = new NeuralNetwork();
loaded.LoadStateDict(Torch.Load(path));
loaded.Eval();
string[] classes = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
var (image, label) = testData[0];
using (Torch.NoGrad())
{
    var pred = loaded.Forward(image.Unsqueeze(0));
    var predicted = classes[pred[0].Argmax().Item<long>()];
    Console.WriteLine($"Predicted: \"{predicted}\", Actual: \"{classes[label]}\"");
}
return 0;

static void TrainLoop(DataLoader<(Tensor Image, long Label)> dataloader, Module model, CrossEntropyLoss lossFn, Optimizer optimizer, int maxBatches)
{
    int size = dataloader.Dataset.Count;
    model.Train();
    int batch = 0;
    foreach (var (X, y) in dataloader)
    {
        batch++;
        var pred = model.Forward(X);
        var loss = lossFn.Forward(pred, y);
        optimizer.ZeroGrad();
        loss.Backward();
        optimizer.Step();
        if (batch % 100 == 0 || batch == maxBatches)
            Console.WriteLine($"loss: {loss.Item<float>(),7:F6}  [{batch * X.Size(0),5}/{size,5}]");
        if (batch >= maxBatches) break;
    }
}

static void TestLoop(DataLoader<(Tensor Image, long Label)> dataloader, Module model, CrossEntropyLoss lossFn, int maxBatches)
{
    int size = 0, numBatches = 0;
    double testLoss = 0, correct = 0;
    model.Eval();
    using (Torch.NoGrad())
    {
        foreach (var (X, y) in dataloader)
        {
            var pred = model.Forward(X);
            testLoss += lossFn.Forward(pred, y).Item<double>();
            correct += (pred.Argmax(-1) == y).To(DType.Float32).Sum().Item<double>();
            size += (int)X.Size(0);
            if (++numBatches >= maxBatches) break;
        }
    }
    testLoss /= numBatches;
    correct /= size;
    Console.WriteLine($"Test Error: \n Accuracy: {100 * correct:F1}%, Avg loss: {testLoss,8:F6} \n");
}
