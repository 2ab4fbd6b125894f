// The quickstart of seeds 000 and 004 in C#: load Fashion-MNIST, train the declared network with AdamW,
// test it after every epoch, save the weights, load them into a new model and predict.
//   dotnet run -c Release --project samples/FashionMnist [-- --epochs 3] [-- --smoke] [-- --save model.safetensors]
//     [-- --save-images folder] [-- --device cpu|cuda|cuda:N|ilgpu-cpu]
// --device picks where the model, the batches and the optimizer state live; without it the seed's choice: cuda when
// Torch.Cuda.IsAvailable(), else cpu (ilgpu-cpu runs the GPU kernels on ILGPU's CPU accelerator: slow, for checking).
// --save picks where the weights go (.safetensors or .pth; samples/Deploy loads them); --save-images writes the first
// test images as PNG files, the inputs the Deploy sample is checked on.
using FashionMnistSample;
using StaticNet;
using StaticNet.Data;
using StaticNet.NN;
using StaticNet.Optim;
using StaticNet.Samples;
using StaticNet.Vision;

int epochs = 3;
bool smoke = args.Contains("--smoke");            // CI: a few batches, to check the sample end to end quickly
if (Option("--epochs") is { } epochText) epochs = int.Parse(epochText, System.Globalization.CultureInfo.InvariantCulture);
string savePath = Option("--save") ?? Path.Combine(Path.GetTempPath(), "staticnet-fashion-mnist-model.pth");
string? imageFolder = Option("--save-images");
if (!DeviceOption.TryRead(args, out string device, out Device onDevice)) return 2;
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

Console.WriteLine($"Using {device} device");
var model = new NeuralNetwork().To(onDevice);
Console.WriteLine(model);

const double learningRate = 1e-3;
var lossFn = new CrossEntropyLoss();
var optimizer = new AdamW(model.Parameters(), lr: learningRate);
int maxBatches = smoke ? 20 : int.MaxValue;

for (int t = 0; t < (smoke ? 1 : epochs); t++)
{
    Console.WriteLine($"Epoch {t + 1}\n-------------------------------");
    var watch = System.Diagnostics.Stopwatch.StartNew();
    TrainLoop(trainDataloader, model, lossFn, optimizer, maxBatches, onDevice);
    Console.WriteLine($"(epoch time {watch.Elapsed.TotalSeconds:F1} s)");
    TestLoop(testDataloader, model, lossFn, maxBatches, onDevice);
}
Console.WriteLine("Done!");

// Save the weights, load them into a fresh model, and predict as seed 000 does.
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(savePath))!);
Torch.Save(model.StateDict(), savePath);
Console.WriteLine($"Saved PyTorch Model State to {savePath}");
var loaded = new NeuralNetwork().To(onDevice);
loaded.LoadStateDict(Torch.Load(savePath));
loaded.Eval();
string[] classes = Clothing.Classes;
if (imageFolder is not null) SaveTestImages(imageFolder, count: 8);
var (image, label) = testData[0];
using (Torch.NoGrad())
{
    var pred = loaded.Forward(image.Unsqueeze(0).To(onDevice));
    var predicted = classes[pred[0].Argmax().Item<long>()];
    Console.WriteLine($"Predicted: \"{predicted}\", Actual: \"{classes[label]}\"");
}
return 0;

// The value after a command-line option, or null when the option is absent.
string? Option(string name)
{
    int i = Array.IndexOf(args, name);
    if (i < 0) return null;
    if (i + 1 >= args.Length) throw new ArgumentException($"{name} needs a value: {name} <path>.");
    return args[i + 1];
}

// The first test images as the PNG files a user would hand the deployed model: test-00.png ... (UInt8 [1, 28, 28]).
void SaveTestImages(string folder, int count)
{
    Directory.CreateDirectory(folder);
    var raw = new StaticNet.Vision.FashionMnist(root, train: false);
    for (int i = 0; i < count; i++)
    {
        var (pixels, truth) = raw[i];
        string file = Path.Combine(folder, $"test-{i:D2}.png");
        Image.Save(pixels, file);
        Console.WriteLine($"Saved test image {i} ({classes[truth]}) to {file}");
    }
}

static void TrainLoop(DataLoader<(Tensor Image, long Label)> dataloader, Module model, CrossEntropyLoss lossFn, Optimizer optimizer, int maxBatches,
    Device device)
{
    int size = dataloader.Dataset.Count;
    model.Train();
    int batch = 0;
    foreach (var (images, labels) in dataloader)
    {
        var (X, y) = (images.To(device), labels.To(device));
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

static void TestLoop(DataLoader<(Tensor Image, long Label)> dataloader, Module model, CrossEntropyLoss lossFn, int maxBatches, Device device)
{
    int size = 0, numBatches = 0;
    double testLoss = 0, correct = 0;
    model.Eval();
    using (Torch.NoGrad())
    {
        foreach (var (images, labels) in dataloader)
        {
            var (X, y) = (images.To(device), labels.To(device));
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
