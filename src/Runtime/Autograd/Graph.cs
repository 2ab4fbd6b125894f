namespace StaticNet.Autograd;

/// <summary>How forward ops join the backward graph: the one place that decides whether to record and wires edges.</summary>
internal static class Graph
{
    /// <summary>True when grad mode is on and any input requires grad: the op must record a node.</summary>
    public static bool ShouldRecord(Tensor a) => a.RequiresGrad && GradMode.IsEnabled;

    public static bool ShouldRecord(Tensor a, Tensor b) => (a.RequiresGrad || b.RequiresGrad) && GradMode.IsEnabled;

    public static bool ShouldRecord(Tensor a, Tensor b, Tensor c) => (a.RequiresGrad || b.RequiresGrad || c.RequiresGrad) && GradMode.IsEnabled;

    public static bool ShouldRecord(IReadOnlyList<Tensor> inputs)
    {
        if (!GradMode.IsEnabled) return false;
        foreach (var t in inputs) if (t.RequiresGrad) return true;
        return false;
    }

    /// <summary>Makes <paramref name="result"/> the output of <paramref name="node"/>, whose inputs are <paramref name="inputs"/>
    /// (in the op's argument order; null for an input that is not a tensor).</summary>
    public static Tensor Record(Tensor result, Node node, params Tensor?[] inputs)
    {
        var next = new Edge[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) next[i] = inputs[i] is { } t ? EdgeOf(t) : default;
        node.Next = next;
        if (AnomalyMode.IsEnabled) node.ForwardTrace = AnomalyMode.CaptureForwardTrace();
        // An in-place op on a view also changes the view's base: rebase the base's history (CopySlices).
        if (ViewHistory.IsDifferentiableView(result) && Array.IndexOf(inputs, result) >= 0) return ViewHistory.RebaseInPlace(result, node);
        result.SetHistory(node);
        return result;
    }

    /// <summary>
    /// Makes each of <paramref name="results"/> an output of <paramref name="node"/> (in order: output 0, 1, ...), a node of
    /// several outputs whose inputs are <paramref name="inputs"/>: one backward call receives the gradient of every output.
    /// </summary>
    public static void RecordOutputs(ReadOnlySpan<Tensor> results, Node node, Tensor?[] inputs)
    {
        if (results.Length != node.OutputCount)
            throw new ArgumentException($"{node.Name} has {node.OutputCount} outputs, but {results.Length} tensors were recorded as its outputs.", nameof(results));
        var next = new Edge[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) next[i] = inputs[i] is { } t ? EdgeOf(t) : default;
        node.Next = next;
        if (AnomalyMode.IsEnabled) node.ForwardTrace = AnomalyMode.CaptureForwardTrace();
        for (int k = 0; k < results.Length; k++) results[k].SetHistory(node, k);
    }

    /// <summary>The edge a gradient for <paramref name="t"/> travels along: its grad_fn (and which of its outputs t is), its AccumulateGrad, or none.</summary>
    public static Edge EdgeOf(Tensor t)
    {
        if (t.GradFn is { } fn) return new Edge(fn, t.OutputNr);
        if (t.RequiresGrad) return new Edge(t.GradAccumulator, 0);
        return default;
    }

    /// <summary>
    /// Sums a gradient over the dimensions that broadcasting expanded, so it has the input's shape again
    /// (PyTorch's <c>sum_to</c>): leading extra dimensions are summed away, length-1 dimensions summed with keepdim.
    /// </summary>
    public static Tensor SumTo(Tensor gradient, ReadOnlySpan<long> shape)
    {
        if (gradient.ShapeSpan.SequenceEqual(shape)) return gradient;
        int lead = gradient.Dim - shape.Length;
        var dims = new List<int>();
        for (int i = 0; i < gradient.Dim; i++)
            if (i < lead || (shape[i - lead] == 1 && gradient.Size(i) != 1)) dims.Add(i);
        var summed = dims.Count > 0 ? gradient.Sum(dims.ToArray(), keepDim: true) : gradient;
        return lead > 0 || !summed.ShapeSpan.SequenceEqual(shape) ? summed.Reshape(shape.ToArray()) : summed;
    }
}
