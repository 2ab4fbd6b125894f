using StaticNet.Kernels;

namespace StaticNet.Autograd;

/// <summary>Thrown by <see cref="Torch.Autograd.GradCheck"/> when analytic and numerical gradients disagree.</summary>
public sealed class GradcheckException(string message) : Exception(message);

/// <summary>Finite-difference checking of analytic gradients: central differences, element by element, in Float64.</summary>
internal static class GradCheck
{
    public static bool Run(Func<Tensor[], Tensor> func, Tensor[] inputs, double eps, double atol, double rtol, bool raiseException)
    {
        var checkedInputs = new List<int>();
        for (int i = 0; i < inputs.Length; i++)
        {
            if (!inputs[i].RequiresGrad) continue;
            if (inputs[i].DType != DType.Float64)
                throw new ArgumentException($"GradCheck: input {i} requires grad but is {inputs[i].DType.PyTorchName()}; finite differences need float64 inputs.");
            for (int d = 0; d < inputs[i].Dim; d++)
                if (inputs[i].Stride(d) == 0 && inputs[i].Size(d) > 1)
                    throw new ArgumentException($"GradCheck: input {i} (shape {inputs[i].Shape}) has overlapping memory (an expanded view); perturbing one element would change several.");
            checkedInputs.Add(i);
        }
        if (checkedInputs.Count == 0) throw new ArgumentException("GradCheck: no input requires grad.");

        var output = func(inputs);
        if (output.DType != DType.Float64)
            throw new ArgumentException($"GradCheck: the function returned {output.DType.PyTorchName()}; it must return float64 for an exact comparison.");
        long outCount = output.Numel;
        var differentiable = checkedInputs.Select(i => inputs[i]).ToArray();

        // Analytic Jacobian, one row per output element: the gradient of output[k] w.r.t. each input.
        var analytic = new double[checkedInputs.Count][,];
        for (int c = 0; c < checkedInputs.Count; c++) analytic[c] = new double[outCount, inputs[checkedInputs[c]].Numel];
        if (output.RequiresGrad)
        {
            for (long k = 0; k < outCount; k++)
            {
                var onehot = Torch.Zeros(output.ShapeArray, DType.Float64);
                onehot.Storage.Raw<double>()[(int)k] = 1;
                var grads = Torch.Autograd.Grad([output], differentiable, [onehot], retainGraph: true, allowUnused: true);
                for (int c = 0; c < grads.Length; c++)
                {
                    if (grads[c] is not { } g) continue;
                    var values = g.ToArray<double>();
                    for (int j = 0; j < values.Length; j++) analytic[c][k, j] = values[j];
                }
            }
        }

        // Numerical Jacobian, one column per input element.
        for (int c = 0; c < checkedInputs.Count; c++)
        {
            var x = inputs[checkedInputs[c]];
            var data = x.Storage.Raw<double>();
            var offsets = ElementOffsets(x);
            for (int j = 0; j < offsets.Length; j++)
            {
                double original = data[(int)offsets[j]];
                double[] plus, minus;
                using (Torch.NoGrad())
                {
                    data[(int)offsets[j]] = original + eps;
                    plus = func(inputs).ToArray<double>();
                    data[(int)offsets[j]] = original - eps;
                    minus = func(inputs).ToArray<double>();
                    data[(int)offsets[j]] = original;
                }
                for (long k = 0; k < outCount; k++)
                {
                    double numeric = (plus[k] - minus[k]) / (2 * eps);
                    double a = analytic[c][k, j];
                    if (Math.Abs(a - numeric) > atol + rtol * Math.Abs(numeric))
                    {
                        if (!raiseException) return false;
                        throw new GradcheckException(
                            $"Jacobian mismatch for output element {k} with respect to input {checkedInputs[c]} (shape {x.Shape}) element {j}: " +
                            $"numerical {numeric:R}, analytical {a:R} (atol {atol}, rtol {rtol}). Output grad_fn: {output.GradFn?.Name ?? "none"}.");
                    }
                }
            }
        }
        return true;
    }

    /// <summary>Storage offsets of a tensor's elements in row-major order (so views are perturbed in place).</summary>
    private static long[] ElementOffsets(Tensor x)
    {
        var offsets = new long[x.Numel];
        var index = new long[x.Dim];
        for (long e = 0; e < offsets.Length; e++)
        {
            long o = x.StorageOffset;
            for (int d = 0; d < x.Dim; d++) o += index[d] * x.Stride(d);
            offsets[e] = o;
            for (int d = x.Dim - 1; d >= 0; d--)
            {
                if (++index[d] < x.Size(d)) break;
                index[d] = 0;
            }
        }
        return offsets;
    }
}
