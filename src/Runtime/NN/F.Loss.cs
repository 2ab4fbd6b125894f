using StaticNet.Autograd;

namespace StaticNet;

public static partial class F
{
    /// <summary>
    /// The mean squared error between <paramref name="input"/> and <paramref name="target"/>
    /// (<c>F.mse_loss</c>): mean((input − target)²) by default.
    /// </summary>
    /// <param name="input">Predictions, any shape.</param>
    /// <param name="target">Targets of the same shape (a broadcastable shape works but raises a warning, as in PyTorch).</param>
    /// <param name="reduction">Mean (default), Sum, or None for the element-wise squared errors.</param>
    public static Tensor MseLoss(Tensor input, Tensor target, LossReduction reduction = LossReduction.Mean)
    {
        if (!input.ShapeSpan.SequenceEqual(target.ShapeSpan))
            Warnings.Warn(
                $"Using a target size ({target.Shape}) that is different to the input size ({input.Shape}). " +
                "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.");
        Tensor loss;
        using (Torch.NoGrad())
        {
            var diff = input - target;
            var squared = diff * diff;
            loss = reduction switch
            {
                LossReduction.Mean => squared.Mean(),
                LossReduction.Sum => squared.Sum(),
                _ => squared,
            };
        }
        return Graph.ShouldRecord(input, target)
            ? Graph.Record(loss, new MseLossBackward0(input, target, reduction), input, target)
            : loss;
    }
}
