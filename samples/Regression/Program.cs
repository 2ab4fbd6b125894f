// Seed 003 in C#: a 2-3-1 network trained from scratch with finite-difference gradients, the effect of the
// learning rate, then the same regression (y = x1 + x2) with StaticNet: a declared MyNeuralNet, a DataLoader,
// a custom loss, intermediate outputs and a Sequential model with its torchsummary table.
// Loss curves are saved as PNG in --out (default ./regression-plots).
//   dotnet run -c Release --project samples/Regression [-- --smoke] [-- --out DIR]
using System.Diagnostics;
using RegressionSample;
using StaticNet;
using StaticNet.Data;
using StaticNet.NN;
using StaticNet.Optim;

bool smoke = args.Contains("--smoke");   // CI: fewer epochs, same steps
int at = Array.IndexOf(args, "--out");
string outDir = at >= 0 && at + 1 < args.Length ? args[at + 1] : "regression-plots";
Directory.CreateDirectory(outDir);
Torch.ManualSeed(0);

// ---- (a) from scratch: 2-3-1 network, sigmoid hidden layer, finite-difference gradients ----
Console.WriteLine("==== From scratch: finite-difference gradients (x = [[1, 1]], y = [[0]]) ====");
var x0 = Torch.Tensor(new long[,] { { 1, 1 } });
var y0 = Torch.Tensor(new long[,] { { 0 } });
Tensor[] w =
[
    Torch.Tensor(new float[,] { { -0.0053f, 0.3793f }, { -0.5820f, -0.5204f }, { -0.2723f, 0.1896f } }).T.Contiguous(),
    Torch.Tensor(new float[] { -0.0140f, 0.5607f, -0.0628f }),
    Torch.Tensor(new float[,] { { 0.1528f, -0.1745f, -0.1135f } }).T.Contiguous(),
    Torch.Tensor(new float[] { -0.5516f }),
];
var losses = new List<double>();
for (int epoch = 0; epoch < 100; epoch++)
{
    (w, double loss) = FromScratch.UpdateWeights(FromScratch.FeedForwardHidden, x0, y0, w, 0.01);
    losses.Add(loss);
    if (epoch % 10 == 0 || epoch == 99) Console.WriteLine($"epoch {epoch + 1,3}  loss: {loss:F6}");
}
Plots.Line(Path.Combine(outDir, "from_scratch_loss.png"), losses, "Loss over increasing number of epochs", "epochs", "loss value");

// ---- (b) the learning rate: y = 3x fitted by y = w*x + b, lr 0.01 / 0.1 / 1 ----
Console.WriteLine("\n==== The learning rate (x = [[1], [2], [3], [4]], y = 3x) ====");
var x1 = Torch.Tensor(new long[,] { { 1 }, { 2 }, { 3 }, { 4 } });
var y1 = Torch.Tensor(new long[,] { { 3 }, { 6 }, { 9 }, { 12 } });
var runs = new List<(double Lr, List<double> Weights, List<double> Losses)>();
foreach (double lr in new[] { 0.01, 0.1, 1 })
{
    // Each rate starts from w = b = 0, so the three runs are comparable.
    Tensor[] wl = [Torch.Zeros([1, 1], DType.Float32), Torch.Zeros([1, 1], DType.Float32)];
    var run = (Lr: lr, Weights: new List<double>(), Losses: new List<double>());
    for (int epoch = 0; epoch < 10; epoch++)
    {
        (wl, double loss) = FromScratch.UpdateWeights(FromScratch.FeedForwardLinear, x1, y1, wl, lr, Console.WriteLine);
        run.Weights.Add(wl[0][0, 0].Item<float>());
        run.Losses.Add(loss);
    }
    runs.Add(run);
    Console.WriteLine($"learning rate {lr}: final weight {run.Weights[^1]:G6}, final loss {run.Losses[^1]:G6}\n");
}
Plots.LearningRates(Path.Combine(outDir, "learning_rates.png"), runs);

// ---- (c) MyNeuralNet (declared) trained with SGD on y = x1 + x2 ----
Console.WriteLine("==== MyNeuralNet ====");
var X = Torch.Tensor(new[,] { { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 } }).Float();
var Y = Torch.Tensor(new[,] { { 3 }, { 7 }, { 11 }, { 15 } }).Float();
Console.WriteLine(new Linear(2, 7));
var mynet = new MyNeuralNet();
Console.WriteLine("mynet.input_to_hidden_layer.weight:");
Console.WriteLine(mynet.Layers.InputToHiddenLayer.Weight);
Console.WriteLine("mynet.parameters():");
foreach (var par in mynet.Parameters()) Console.WriteLine(par);
var lossFunc = new MSELoss();
Console.WriteLine(lossFunc.Forward(mynet.Forward(X), Y));
var opt = new SGD(mynet.Parameters(), lr: 0.001);
int epochs = smoke ? 10 : 50;
var lossHistory = new List<double>();
for (int i = 0; i < epochs; i++)
{
    opt.ZeroGrad();
    var lossValue = lossFunc.Forward(mynet.Forward(X), Y);
    lossValue.Backward();
    opt.Step();
    lossHistory.Add(lossValue.Item<double>());
}
Console.WriteLine($"loss after {epochs} epochs: {lossHistory[^1]:F4} (first: {lossHistory[0]:F4})");
Plots.Line(Path.Combine(outDir, "mynet_loss.png"), lossHistory, "Loss variation over increasing epochs", "epochs", "loss value");

// ---- (e) Dataset + DataLoader: mini-batches of 2, shuffled ----
Console.WriteLine("\n==== Dataset and DataLoader ====");
var ds = new MyDataset(X, Y);
var dl = new DataLoader<(Tensor X, Tensor Y)>(ds, batchSize: 2, shuffle: true);
foreach (var (bx, by) in dl) Console.WriteLine($"{bx} {by}");
mynet = new MyNeuralNet();
opt = new SGD(mynet.Parameters(), lr: 0.001);
lossHistory.Clear();
var watch = Stopwatch.StartNew();
for (int i = 0; i < epochs; i++)
    foreach (var (bx, by) in dl)
    {
        opt.ZeroGrad();
        var lossValue = lossFunc.Forward(mynet.Forward(bx), by);
        lossValue.Backward();
        opt.Step();
        lossHistory.Add(lossValue.Item<double>());
    }
Console.WriteLine(watch.Elapsed.TotalSeconds);
Plots.Line(Path.Combine(outDir, "dataloader_loss.png"), lossHistory, "Loss variation over increasing epochs", "batches", "loss value");
var valX = Torch.Tensor(new[,] { { 10, 11 } }).Float();
Console.WriteLine(mynet.Forward(valX));

// ---- (f) a custom loss: the same number as MSELoss ----
Console.WriteLine("\n==== Custom loss ====");
static Tensor MyMeanSquaredError(Tensor predicted, Tensor y)
{
    var loss = (predicted - y).Pow(2);
    return loss.Mean();
}
Console.WriteLine(lossFunc.Forward(mynet.Forward(X), Y));
Console.WriteLine(MyMeanSquaredError(mynet.Forward(X), Y));

// ---- (g) intermediate outputs: call a layer method, or return it from [Forward] ----
Console.WriteLine("\n==== Intermediate outputs ====");
var inputToHidden = mynet.InputToHiddenLayer(X);
var hiddenActivation = mynet.HiddenLayerActivation(inputToHidden);
Console.WriteLine(hiddenActivation);
var net2 = new NeuralNet();
Console.WriteLine(net2.Forward(X).Hidden);   // mynet(X)[1]

// ---- (d) Sequential, with torchsummary's table ----
Console.WriteLine("\n==== Sequential ====");
var model = new Sequential(new Linear(2, 8), new ReLU(), new Linear(8, 1));
Console.WriteLine(model.Summary(2));
opt = new SGD(model.Parameters(), lr: 0.001);
watch.Restart();
for (int i = 0; i < epochs; i++)
    foreach (var (ix, iy) in dl)
    {
        opt.ZeroGrad();
        var lossValue = lossFunc.Forward(model.Forward(ix), iy);
        lossValue.Backward();
        opt.Step();
    }
Console.WriteLine(watch.Elapsed.TotalSeconds);
var val = Torch.Tensor(new[,] { { 8, 9 }, { 10, 11 }, { 1.5, 2.5 } }).Float();
Console.WriteLine(model.Forward(val));
Console.WriteLine($"\nPlots saved in {Path.GetFullPath(outDir)}");
return 0;
