using System.Globalization;
using StaticNet;

namespace RegressionSample;

/// <summary>
/// Seed 003's from-scratch training: no autograd, each weight's gradient estimated by a finite difference
/// (nudge it by 0.0001, see how the loss moves). The weights are Float32 tensors as the seed's float32 arrays;
/// the arithmetic runs in Float64, as NumPy promotes the seed's integer inputs times float32 weights.
/// </summary>
public static class FromScratch
{
    private const double Delta = 0.0001;

    /// <summary>Network 2-3-1 with a sigmoid hidden layer (the seed's <c>feed_forward</c>): the MSE loss.</summary>
    public static double FeedForwardHidden(Tensor inputs, Tensor outputs, IReadOnlyList<Tensor> weights)
    {
        var preHidden = inputs.Double().Matmul(weights[0].Double()) + weights[1].Double();
        var hidden = 1.0 / (1.0 + (-preHidden).Exp());
        var predOut = hidden.Matmul(weights[2].Double()) + weights[3].Double();
        return (predOut - outputs.Double()).Pow(2).Mean().Item<double>();
    }

    /// <summary>The network with no hidden layer, y = w·x + b (the learning-rate example's <c>feed_forward</c>).</summary>
    public static double FeedForwardLinear(Tensor inputs, Tensor outputs, IReadOnlyList<Tensor> weights)
    {
        var predOut = inputs.Double().Matmul(weights[0].Double()) + weights[1].Double();
        return (predOut - outputs.Double()).Pow(2).Mean().Item<double>();
    }

    /// <summary>
    /// One step of the seed's <c>update_weights</c>: every weight's finite-difference gradient, then
    /// <c>w -= grad * lr</c>. Returns the updated weights (new tensors) and the loss before the step.
    /// </summary>
    /// <param name="log">When set, called for the weights of even layers (the seed prints those: <c>if i % 2 == 0</c>).</param>
    public static (Tensor[] Weights, double Loss) UpdateWeights(Func<Tensor, Tensor, IReadOnlyList<Tensor>, double> feedForward,
        Tensor inputs, Tensor outputs, IReadOnlyList<Tensor> weights, double lr, Action<string>? log = null)
    {
        double originalLoss = feedForward(inputs, outputs, weights);
        var updated = weights.Select(w => w.Clone()).ToArray();   // deepcopy(weights)
        for (int i = 0; i < weights.Count; i++)
        {
            for (int index = 0; index < weights[i].Numel; index++)   // np.ndenumerate(layer), in row-major order
            {
                var temp = weights.Select(w => w.Clone()).ToArray();
                var flat = temp[i].View(-1);
                flat[index] = (double)(float)(flat[index].Item<float>() + Delta);   // stored back as float32, as NumPy does
                double lossPlus = feedForward(inputs, outputs, temp);
                double grad = (lossPlus - originalLoss) / Delta;
                var target = updated[i].View(-1);
                float weight = weights[i].View(-1)[index].Item<float>();
                target[index] = (double)(float)(target[index].Item<float>() - grad * lr);
                if (log is not null && i % 2 == 0)
                    log($"weight value: {Py(Math.Round(weight, 2, MidpointRounding.ToEven), single: true)} " +
                        $"original loss: {Py(Math.Round(originalLoss, 2, MidpointRounding.ToEven))} " +
                        $"loss_plus: {Py(Math.Round(lossPlus, 2, MidpointRounding.ToEven))} " +
                        $"gradient: {Py(Math.Round(grad, 2, MidpointRounding.ToEven))} " +
                        $"updated_weights: {Py(Math.Round(target[index].Item<float>(), 2, MidpointRounding.ToEven), single: true)}");
            }
        }
        return (updated, originalLoss);
    }

    // Python's str() of a float (NumPy's for float32): shortest round-trip digits, always a decimal point.
    private static string Py(double value, bool single = false)
    {
        string s = single ? ((float)value).ToString("R", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);
        s = s.Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);
        return s.Contains('.') || s.Contains('e') || s.Contains("Infinity", StringComparison.Ordinal) || s == "NaN" ? s : s + ".0";
    }
}
