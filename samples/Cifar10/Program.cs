// Seed 002's CIFAR-10 classifier in C#: LeNet trained with SGD (lr 0.001, momentum 0.9) on mini-batches of 4,
// the loss every 2000 mini-batches, the model saved to ./cifar_net.pth and reloaded, predictions for one test
// batch, then the accuracy over the test set and per class. A grid of a training batch and of the first test
// batch are saved as PNG (cifar10_train_batch.png, cifar10_test_batch.png), as the seed's imshow shows them.
//   dotnet run -c Release --project samples/Cifar10 [-- --data DIR] [-- --epochs 2] [-- --smoke]
//     [-- --device cpu|cuda|cuda:N|ilgpu-cpu]
// --device picks where the network, the batches and the optimizer state live; without it the seed's choice: cuda:0
// when Torch.Cuda.IsAvailable(), else cpu.
// The data is the official "CIFAR-10 python version" (cifar-10-python.tar.gz, what the seed's torchvision download
// extracts) or "binary version" (cifar-10-binary.tar.gz) extracted under DIR (--data, else $CIFAR10_ROOT, else ./data),
// so that DIR/cifar-10-batches-py/data_batch_1 or DIR/cifar-10-batches-bin/data_batch_1.bin exists. Without it, the
// sample says so and runs on a small synthetic set in the binary format.
using System.Globalization;
using Cifar10Sample;
using StaticNet;
using StaticNet.Data;
using StaticNet.NN;
using StaticNet.Optim;
using StaticNet.Samples;
using StaticNet.Vision;

bool smoke = args.Contains("--smoke");   // CI: a few hundred batches, to check the sample end to end quickly
int epochs = int.Parse(Option("--epochs") ?? "2", CultureInfo.InvariantCulture);
if (!DeviceOption.TryRead(args, out _, out Device device)) return 2;
string root = Option("--data") ?? Environment.GetEnvironmentVariable("CIFAR10_ROOT") ?? "./data";

if (!File.Exists(Path.Combine(root, "cifar-10-batches-bin", "data_batch_1.bin")) && !File.Exists(Path.Combine(root, "cifar-10-batches-py", "data_batch_1")))
{
    string synthetic = Path.Combine(Path.GetTempPath(), "staticnet-cifar10-synthetic");
    Console.Error.WriteLine($"CIFAR-10 was not found in {Path.GetFullPath(root)}.");
    Console.Error.WriteLine("To train on the real data, download the \"CIFAR-10 python version\" (cifar-10-python.tar.gz) or");
    Console.Error.WriteLine("\"binary version\" (cifar-10-binary.tar.gz) from https://www.cs.toronto.edu/~kriz/cifar.html and extract it so that");
    Console.Error.WriteLine($"  {Path.Combine(Path.GetFullPath(root), "cifar-10-batches-py", "data_batch_1")} or");
    Console.Error.WriteLine($"  {Path.Combine(Path.GetFullPath(root), "cifar-10-batches-bin", "data_batch_1.bin")}");
    Console.Error.WriteLine("exists (or pass --data DIR, or set CIFAR10_ROOT, to the folder that holds cifar-10-batches-py or -bin).");
    Console.Error.WriteLine($"Running on a small synthetic set in the same binary format instead ({synthetic}).\n");
    SyntheticCifar10.Write(synthetic, trainPerFile: 400, testCount: 200);
    root = synthetic;
}

Torch.ManualSeed(0);
var net = new Net();
Console.WriteLine(net);

// Convert the images to tensors in [-1, 1].
var transform = new Compose(new ToTensor(), new Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5]));
var trainset = new StaticNet.Vision.Cifar10(root, train: true, transform: transform);
var trainloader = new DataLoader<(Tensor Image, long Label)>(trainset, batchSize: 4, shuffle: true, numWorkers: 2);
var testset = new StaticNet.Vision.Cifar10(root, train: false, transform: transform);
var testloader = new DataLoader<(Tensor Image, long Label)>(testset, batchSize: 4, shuffle: false, numWorkers: 2);
string[] classes = ["plane", "car", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

// Show (save) a batch of training images and print their labels.
var (images, labels) = trainloader.First();
Imshow(Utils.MakeGrid(images), "cifar10_train_batch.png");
Console.WriteLine(string.Join(" ", Enumerable.Range(0, 4).Select(j => $"{classes[labels[j].Item<long>()],5}")));

var criterion = new CrossEntropyLoss();
var optimizer = new SGD(net.Parameters(), lr: 0.001, momentum: 0.9);
Console.WriteLine(device);   // the seed's print(device): cuda:0 or cpu
net.To(device);              // moves the parameters in place: the optimizer made above keeps them

int maxBatches = smoke ? 300 : int.MaxValue;
int printEvery = smoke ? 100 : 2000;   // the seed prints the mean loss of every 2000 mini-batches
if (trainloader.Count < printEvery) printEvery = Math.Max(1, trainloader.Count / 5);   // the synthetic set is small
for (int epoch = 0; epoch < (smoke ? 1 : epochs); epoch++)   // loop over the dataset multiple times
{
    double runningLoss = 0.0;
    int i = 0;
    foreach (var (batchImages, batchLabels) in trainloader)
    {
        var (inputs, targets) = (batchImages.To(device), batchLabels.To(device));
        optimizer.ZeroGrad();
        var outputs = net.Forward(inputs);
        var loss = criterion.Forward(outputs, targets);
        loss.Backward();
        optimizer.Step();
        runningLoss += loss.Item<double>();
        if ((i + 1) % printEvery == 0)
        {
            Console.WriteLine($"[{epoch + 1}, {i + 1,5}] loss: {runningLoss / printEvery:F3}");
            runningLoss = 0.0;
        }
        if (++i >= maxBatches) break;
    }
}
Console.WriteLine("Finished Training");

const string PATH = "./cifar_net.pth";
Torch.Save(net.StateDict(), PATH);

// The first test batch: its images, the ground truth, and what a reloaded model predicts.
(images, labels) = testloader.First();
Imshow(Utils.MakeGrid(images), "cifar10_test_batch.png");
Console.WriteLine("GroundTruth:  " + string.Join(" ", Enumerable.Range(0, 4).Select(j => $"{classes[labels[j].Item<long>()],5}")));
net = new Net().To(device);
net.LoadStateDict(Torch.Load(PATH));
net.Eval();
using (Torch.NoGrad())
{
    var (_, predicted) = net.Forward(images.To(device)).Max(dim: 1);
    Console.WriteLine("Predicted:  " + string.Join(" ", Enumerable.Range(0, 4).Select(j => $"{classes[predicted[j].Item<long>()],5}")));
}

// Accuracy over the whole test set, and per class.
int maxTestBatches = smoke ? 250 : int.MaxValue;
long correct = 0, total = 0;
var classCorrect = new double[10];
var classTotal = new double[10];
using (Torch.NoGrad())
{
    int batches = 0;
    foreach (var (testImages, testLabels) in testloader)
    {
        var (_, predicted) = net.Forward(testImages.To(device)).Max(dim: 1);
        predicted = predicted.Cpu();   // the per-class counts read single elements: on the host
        var c = (predicted == testLabels).Squeeze();
        total += testLabels.Size(0);
        correct += (predicted == testLabels).Sum().Item<long>();
        for (int i = 0; i < testLabels.Size(0); i++)
        {
            long label = testLabels[i].Item<long>();
            classCorrect[label] += c[i].To(DType.Float64).Item<double>();
            classTotal[label] += 1;
        }
        if (++batches >= maxTestBatches) break;
    }
}
Console.WriteLine($"Accuracy of the network on the {total} test images: {(int)(100.0 * correct / total)} %");
for (int i = 0; i < 10; i++)
    Console.WriteLine(classTotal[i] == 0
        ? $"Accuracy of {classes[i],5} : no test images"
        : $"Accuracy of {classes[i],5} : {(int)(100 * classCorrect[i] / classTotal[i]),2} %");
Console.WriteLine($"Model saved to {Path.GetFullPath(PATH)}; image grids saved as cifar10_train_batch.png and cifar10_test_batch.png");
return 0;

string? Option(string name)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

// The seed's imshow: undo Normalize((0.5, ...), (0.5, ...)) so the pixels are back in [0, 1], then save as PNG.
static void Imshow(Tensor img, string path)
{
    img = img / 2 + 0.5;
    Image.Save(img, path);
}
