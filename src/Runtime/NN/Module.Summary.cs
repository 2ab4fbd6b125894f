using System.Globalization;
using System.Text;

namespace StaticNet.NN;

public abstract partial class Module
{
    [ThreadStatic] private static List<(Module Module, long[] Shape)>? t_trace;

    /// <summary>
    /// Built-in layers pass their output through here: while <see cref="Summary"/> runs, it records the layer and
    /// its output shape (what torchsummary's forward hooks collect). Otherwise it costs one thread-static read.
    /// </summary>
    protected Tensor Traced(Tensor output)
    {
        t_trace?.Add((this, output.ShapeArray));
        return output;
    }

    /// <summary>
    /// torchsummary's table for an input of one sample's shape (no batch dimension): each layer with its output
    /// shape (batch shown as -1) and parameter count, the totals, and the memory estimate in MB.
    /// </summary>
    /// <remarks>
    /// Like torchsummary it runs a forward pass on a batch of 2 random samples, lists leaf layers in the order they
    /// finish (containers and the model itself are not listed), and counts each layer's <c>weight</c> and <c>bias</c>.
    /// Layers are StaticNet's built-in ones; a custom module is represented by the built-in layers it calls.
    /// </remarks>
    public string Summary(params long[] inputShape)
    {
        var trace = new List<(Module Module, long[] Shape)>();
        var previous = t_trace;
        t_trace = trace;
        try
        {
            using (Torch.NoGrad()) Forward(Torch.Rand([2, .. inputShape]));
        }
        finally
        {
            t_trace = previous;
        }

        const string Rule = "----------------------------------------------------------------";
        const string Double = "================================================================";
        var sb = new StringBuilder();
        sb.AppendLine(Rule);
        sb.AppendLine(Row("Layer (type)", "Output Shape", "Param #"));
        sb.AppendLine(Double);
        long total = 0, trainable = 0, outputElements = 0;
        int index = 0;
        foreach (var (module, shape) in trace)
        {
            if (ReferenceEquals(module, this)) continue;
            index++;
            var (count, isTrainable) = module.WeightAndBiasCount();
            total += count;
            if (isTrainable) trainable += count;
            var printed = shape.ToArray();
            if (printed.Length > 0) printed[0] = -1;
            long product = 1;
            foreach (var d in printed) product *= d;
            outputElements += product;
            sb.AppendLine(Row($"{module.TypeName}-{index}", StaticNet.Size.Format(printed), count.ToString("N0", CultureInfo.InvariantCulture)));
        }
        long inputElements = 1;
        foreach (var d in inputShape) inputElements *= d;
        const double MB = 1024.0 * 1024.0;
        double inputMb = Math.Abs(inputElements * -1 * 4.0 / MB);
        double outputMb = Math.Abs(2.0 * outputElements * 4.0 / MB);
        double paramsMb = Math.Abs(total * 4.0 / MB);
        sb.AppendLine(Double);
        sb.AppendLine($"Total params: {total.ToString("N0", CultureInfo.InvariantCulture)}");
        sb.AppendLine($"Trainable params: {trainable.ToString("N0", CultureInfo.InvariantCulture)}");
        sb.AppendLine($"Non-trainable params: {(total - trainable).ToString("N0", CultureInfo.InvariantCulture)}");
        sb.AppendLine(Rule);
        sb.AppendLine($"Input size (MB): {inputMb.ToString("F2", CultureInfo.InvariantCulture)}");
        sb.AppendLine($"Forward/backward pass size (MB): {outputMb.ToString("F2", CultureInfo.InvariantCulture)}");
        sb.AppendLine($"Params size (MB): {paramsMb.ToString("F2", CultureInfo.InvariantCulture)}");
        sb.AppendLine($"Estimated Total Size (MB): {(inputMb + outputMb + paramsMb).ToString("F2", CultureInfo.InvariantCulture)}");
        sb.Append(Rule);
        return sb.ToString();

        static string Row(string a, string b, string c) => $"{a,20}  {b,25} {c,15}";
    }

    // torchsummary counts the `weight` and `bias` attributes only, and calls the layer trainable when its weight is.
    private (long Count, bool Trainable) WeightAndBiasCount()
    {
        long count = 0;
        bool trainable = false;
        foreach (var (name, p) in _parameters)
        {
            if (p is null || (name != "weight" && name != "bias")) continue;
            count += p.Numel;
            if (name == "weight") trainable = p.RequiresGrad;
        }
        return (count, trainable);
    }
}
