using System.Diagnostics;
using StaticNet.Bench.Models;
using StaticNet.Data;
using StaticNet.NN;
using StaticNet.Optim;
using StaticNet.Vision;

namespace StaticNet.Bench;

/// <summary>
/// W6: the MLP on the real Fashion-MNIST (the kit's w6_fashion.py): AdamW lr=1e-3, batch 64, no shuffle, pixels/255,
/// test after each epoch; avg test loss = sum of per-batch mean losses / number of test batches.
/// As the kit's PyTorch and TorchSharp runs do, the images are converted once into a Float32 tensor and each batch is a
/// slice of it (<c>train_x[i:i + bs]</c>). With <c>--w6-dataloader</c> the batches come instead through
/// FashionMnist + ToTensor + DataLoader, the way the FashionMnist sample reads them; that cost is then in train_s.
/// </summary>
internal static class W6FashionMnist
{
    public static void Run(string variant, int threads, string root, int epochs, bool dataLoader, int batch = 64)
    {
        var load = Stopwatch.StartNew();
        var train = new FashionMnist(root, train: true, transform: new ToTensor());
        var test = new FashionMnist(root, train: false, transform: new ToTensor());
        IEnumerable<(Tensor X, Tensor Y)> trainBatches, testBatches;
        if (dataLoader)
        {
            trainBatches = new DataLoader<(Tensor Image, long Label)>(train, batchSize: batch, shuffle: false).Select(b => (b[0], b[1]));
            testBatches = new DataLoader<(Tensor Image, long Label)>(test, batchSize: batch, shuffle: false).Select(b => (b[0], b[1]));
        }
        else
        {
            trainBatches = Slices(Pixels(train.Data), train.Targets, batch);
            testBatches = Slices(Pixels(test.Data), test.Targets, batch);
        }
        Report.Line($"# {variant}: loaded train={train.Count} test={test.Count} in {Report.F(load.Elapsed.TotalSeconds, 2)}s " +
                    $"batches={(dataLoader ? "dataloader" : "tensor-slices")}");

        Torch.ManualSeed(0);
        var model = ModelFactory.Mlp(variant);
        var lossFn = new CrossEntropyLoss();
        var optimizer = new AdamW(model.Parameters(), lr: 1e-3);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            var watch = Stopwatch.StartNew();
            model.Train();
            foreach (var (x, y) in trainBatches)
                TrainStep.Run(model, lossFn, optimizer, x, y);
            double trainSeconds = watch.Elapsed.TotalSeconds;

            model.Eval();
            double testLoss = 0, correct = 0;
            int batches = 0;
            foreach (var (x, y) in testBatches)
            {
                var pred = W5Inference.Infer(model, x);
                testLoss += lossFn.Forward(pred, y).Item<double>();
                correct += (pred.Argmax(1) == y).To(DType.Float32).Sum().Item<double>();
                batches++;
            }
            double wallSeconds = watch.Elapsed.TotalSeconds;
            Report.Line($"peer={Report.Peer} variant={variant} workload=W6 epoch={epoch} threads={threads} batch={batch} " +
                        $"test_acc_pct={Report.F(100.0 * correct / test.Count, 2)} avg_test_loss={Report.F(testLoss / batches, 6)} " +
                        $"train_s={Report.F(trainSeconds, 2)} epoch_wall_s={Report.F(wallSeconds, 2)}");
        }
    }

    /// <summary>The UInt8 images [N, 28, 28] as Float32 [N, 1, 28, 28] in [0, 1], as the kit's loaders make them.</summary>
    private static Tensor Pixels(Tensor images) => (images.To(DType.Float32) / 255.0).Unsqueeze(1).Contiguous();

    /// <summary>Consecutive batches as views of <paramref name="x"/> and <paramref name="y"/>; the last one may be shorter.</summary>
    private static IEnumerable<(Tensor X, Tensor Y)> Slices(Tensor x, Tensor y, int batch)
    {
        long n = x.Shape[0];
        for (long i = 0; i < n; i += batch)
        {
            long length = Math.Min(batch, n - i);
            yield return (x.Narrow(0, i, length), y.Narrow(0, i, length));
        }
    }
}
