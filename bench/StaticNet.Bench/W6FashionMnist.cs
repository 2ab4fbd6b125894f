using System.Diagnostics;
using StaticNet.Bench.Models;
using StaticNet.Data;
using StaticNet.NN;
using StaticNet.Optim;
using StaticNet.Vision;

namespace StaticNet.Bench;

/// <summary>
/// W6: the MLP on the real Fashion-MNIST (the kit's w6_fashion.py): AdamW lr=1e-3, batch 64, no shuffle, pixels/255
/// (ToTensor), test after each epoch; avg test loss = sum of per-batch mean losses / number of test batches.
/// The data comes through StaticNet.Vision.FashionMnist and a DataLoader, as user code reads it; that cost is in train_s.
/// </summary>
internal static class W6FashionMnist
{
    public static void Run(string variant, int threads, string root, int epochs, int batch = 64)
    {
        var load = Stopwatch.StartNew();
        var train = new FashionMnist(root, train: true, transform: new ToTensor());
        var test = new FashionMnist(root, train: false, transform: new ToTensor());
        var trainLoader = new DataLoader<(Tensor Image, long Label)>(train, batchSize: batch, shuffle: false);
        var testLoader = new DataLoader<(Tensor Image, long Label)>(test, batchSize: batch, shuffle: false);
        Report.Line($"# {variant}: loaded train={train.Count} test={test.Count} in {Report.F(load.Elapsed.TotalSeconds, 2)}s");

        Torch.ManualSeed(0);
        var model = ModelFactory.Mlp(variant);
        var lossFn = new CrossEntropyLoss();
        var optimizer = new AdamW(model.Parameters(), lr: 1e-3);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            var watch = Stopwatch.StartNew();
            model.Train();
            foreach (var (x, y) in trainLoader)
                TrainStep.Run(model, lossFn, optimizer, x, y);
            double trainSeconds = watch.Elapsed.TotalSeconds;

            model.Eval();
            double testLoss = 0, correct = 0;
            int batches = 0;
            foreach (var (x, y) in testLoader)
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
}
