using StaticNet;
using StaticNet.Data;
using StaticNet.NN;
using StaticNet.Optim;

namespace TuningSample;

/// <summary>Seed 004's train and test loops, without their printing: a search runs many of them.</summary>
public static class Training
{
    /// <summary>One epoch over the loader.</summary>
    public static void TrainLoop(DataLoader<(Tensor Image, long Label)> dataloader, Module model, CrossEntropyLoss lossFn, Optimizer optimizer)
    {
        model.Train();
        foreach (var (X, y) in dataloader)
        {
            var loss = lossFn.Forward(model.Forward(X), y);
            loss.Backward();
            optimizer.Step();
            optimizer.ZeroGrad();
        }
    }

    /// <summary>The fraction of the loader's samples whose arg-max prediction is the label.</summary>
    public static double Accuracy(DataLoader<(Tensor Image, long Label)> dataloader, Module model)
    {
        model.Eval();
        double correct = 0;
        int size = 0;
        using (Torch.NoGrad())
        {
            foreach (var (X, y) in dataloader)
            {
                correct += (model.Forward(X).Argmax(1) == y).To(DType.Float32).Sum().Item<double>();
                size += (int)X.Size(0);
            }
        }
        return correct / size;
    }
}
