namespace StaticNet.NN;

/// <summary>
/// A declared model's forward pass as the compiler traced it: the values (0 is the input, op k writes value k + 1) with
/// their shapes, the ops in order, and the values returned. The generator writes it from the same model that fuses the
/// plan, so exporters (ONNX, TensorBoard's graph) walk the real graph without running or tracing the model.
/// </summary>
public sealed class ForwardGraph
{
    /// <summary>Creates the description; the generator calls this.</summary>
    /// <param name="modelName">The declared class's name.</param>
    /// <param name="values">Every value's shape, the input first.</param>
    /// <param name="ops">The ops in execution order: op k writes value k + 1.</param>
    /// <param name="outputs">The values the forward returns, in order.</param>
    /// <param name="outputNames">The tuple's element names, or empty for a single tensor.</param>
    public ForwardGraph(string modelName, ForwardShape[] values, ForwardOp[] ops, int[] outputs, string[] outputNames)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(ops);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        if (values.Length != ops.Length + 1)
            throw new ArgumentException($"ForwardGraph '{modelName}': {ops.Length} ops write {ops.Length} values, so {ops.Length + 1} values (with the input) were expected, got {values.Length}.", nameof(values));
        for (int k = 0; k < ops.Length; k++)
            foreach (int input in ops[k].Inputs)
                if (input < 0 || input > k)
                    throw new ArgumentException($"ForwardGraph '{modelName}': op {k} ({ops[k].Kind} {ops[k].Target}) reads value {input}, but only values 0..{k} exist before it.", nameof(ops));
        foreach (int output in outputs)
            if (output < 0 || output >= values.Length)
                throw new ArgumentException($"ForwardGraph '{modelName}': output value {output} is not one of the {values.Length} values.", nameof(outputs));
        ModelName = modelName;
        Values = values;
        Ops = ops;
        Outputs = outputs;
        OutputNames = outputNames;
    }

    /// <summary>The declared class's name.</summary>
    public string ModelName { get; }

    /// <summary>Every value's shape: index 0 is the model input, index k + 1 the output of <see cref="Ops"/>[k].</summary>
    public IReadOnlyList<ForwardShape> Values { get; }

    /// <summary>The ops in execution order.</summary>
    public IReadOnlyList<ForwardOp> Ops { get; }

    /// <summary>The values the forward returns.</summary>
    public IReadOnlyList<int> Outputs { get; }

    /// <summary>The names of a tuple's elements (<c>Output</c>, <c>Hidden</c>); empty when the forward returns one tensor.</summary>
    public IReadOnlyList<string> OutputNames { get; }
}
