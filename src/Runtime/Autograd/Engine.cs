namespace StaticNet.Autograd;

/// <summary>
/// Runs a backward pass: counts, for every node reachable from the roots, how many gradients it will receive,
/// then applies nodes as soon as all of theirs have arrived (a topological order), summing gradients that meet
/// at a node. Saved tensors are freed as each node finishes unless the graph is retained.
/// </summary>
internal static class Engine
{
    /// <param name="roots">Edges the pass starts from, with the gradient for each.</param>
    /// <param name="capture">When not null (the functional <c>Autograd.Grad</c>), the gradients arriving along these
    /// edges (a node and which of its outputs) are recorded here instead of being accumulated into leaves.</param>
    public static void Run(IReadOnlyList<(Edge Edge, Tensor Gradient)> roots, bool retainGraph, Dictionary<Edge, Tensor?>? capture = null)
    {
        using var _ = GradMode.Set(false);
        bool outer = t_capturing;
        t_capturing = capture is not null;
        // The pass's collections are reused from the previous pass on this thread (a nested pass gets its own), so a
        // steady-state training step does not allocate them again.
        var scratch = t_scratch ?? new Scratch();
        t_scratch = null;
        try
        {
            CountDependencies(roots, scratch.Dependencies, scratch.Stack);
            Run(roots, retainGraph, capture, scratch.Dependencies, scratch.Buffers, scratch.OutputBuffers, scratch.Stack);
        }
        finally
        {
            t_capturing = outer;
            scratch.Clear();
            t_scratch = scratch;
        }
    }

    [ThreadStatic] private static bool t_capturing;
    [ThreadStatic] private static Scratch? t_scratch;

    private sealed class Scratch
    {
        public readonly Dictionary<Node, int> Dependencies = new(ReferenceEqualityComparer.Instance);
        public readonly Dictionary<Node, Tensor> Buffers = new(ReferenceEqualityComparer.Instance);
        public readonly Dictionary<Node, Tensor?[]> OutputBuffers = new(ReferenceEqualityComparer.Instance); // nodes of several outputs
        public readonly Stack<Node> Stack = new();

        // Clear drops the references (so no graph outlives its pass) but keeps the capacity.
        public void Clear()
        {
            Dependencies.Clear();
            Buffers.Clear();
            OutputBuffers.Clear();
            Stack.Clear();
        }
    }

    /// <summary>True while the running pass captures gradients (<c>Autograd.Grad</c>): leaves' <c>Grad</c> must stay untouched,
    /// so a node may not accumulate into them directly.</summary>
    internal static bool Capturing => t_capturing;

    private static void Run(IReadOnlyList<(Edge Edge, Tensor Gradient)> roots, bool retainGraph, Dictionary<Edge, Tensor?>? capture,
        Dictionary<Node, int> dependencies, Dictionary<Node, Tensor> buffers, Dictionary<Node, Tensor?[]> outputBuffers, Stack<Node> ready)
    {
        bool detectAnomaly = AnomalyMode.IsEnabled; // PyTorch reads the mode when backward starts
        for (int r = 0; r < roots.Count; r++)
        {
            var (edge, gradient) = roots[r];
            if (edge.Node is null) continue;
            AddTo(buffers, outputBuffers, edge, gradient);
            if (--dependencies[edge.Node] == 0) ready.Push(edge.Node);
        }
        while (ready.Count > 0)
        {
            var node = ready.Pop();
            Tensor?[] gradInputs;
            if (node.OutputCount == 1)
            {
                if (!buffers.Remove(node, out var gradOutput))
                {
                    // No gradient reached this node (every path into it carried none): nothing flows on, but the nodes
                    // after it must still learn that this edge is done.
                    Skip(node, dependencies, ready);
                    continue;
                }
                if (capture is not null && capture.ContainsKey(new Edge(node, 0))) capture[new Edge(node, 0)] = gradOutput;
                if (node.RetainedGradTensor is { } retained && capture is null) AccumulateGrad.Accumulate(retained, gradOutput);
                if (node is AccumulateGrad && capture is not null) continue; // Autograd.Grad leaves .Grad alone
                gradInputs = node.Apply(gradOutput);
            }
            else
            {
                // A node of several outputs: one call with the gradient of each output, null where none arrived.
                if (!outputBuffers.Remove(node, out var gradOutputs))
                {
                    Skip(node, dependencies, ready);
                    continue;
                }
                for (int k = 0; k < gradOutputs.Length; k++)
                {
                    if (gradOutputs[k] is not { } g) continue;
                    if (capture is not null && capture.ContainsKey(new Edge(node, k))) capture[new Edge(node, k)] = g;
                    var retained = k == 0 ? node.RetainedGradTensor : node.RetainedGradOutputs?[k];
                    if (retained is not null && capture is null) AccumulateGrad.Accumulate(retained, g);
                }
                gradInputs = node.ApplyOutputs(gradOutputs);
            }
            if (detectAnomaly) AnomalyMode.CheckGradients(node, gradInputs);
            if (!retainGraph) node.Release();
            var next = node.Next;
            for (int i = 0; i < next.Length; i++)
            {
                var target = next[i].Node;
                if (target is null) continue;
                var g = i < gradInputs.Length ? gradInputs[i] : null;
                if (g is not null) AddTo(buffers, outputBuffers, next[i], g);
                if (--dependencies[target] == 0) ready.Push(target);
            }
        }
    }

    private static void Skip(Node node, Dictionary<Node, int> dependencies, Stack<Node> ready)
    {
        foreach (var edge in node.Next)
            if (edge.Node is { } target && --dependencies[target] == 0) ready.Push(target);
    }

    private static void CountDependencies(IReadOnlyList<(Edge Edge, Tensor Gradient)> roots, Dictionary<Node, int> counts, Stack<Node> stack)
    {
        for (int r = 0; r < roots.Count; r++)
        {
            var edge = roots[r].Edge;
            if (edge.Node is null) continue;
            if (counts.TryGetValue(edge.Node, out var c)) { counts[edge.Node] = c + 1; continue; }
            counts[edge.Node] = 1;
            stack.Push(edge.Node);
        }
        while (stack.Count > 0)
        {
            foreach (var edge in stack.Pop().Next)
            {
                if (edge.Node is null) continue;
                if (counts.TryGetValue(edge.Node, out var c)) counts[edge.Node] = c + 1;
                else
                {
                    counts[edge.Node] = 1;
                    stack.Push(edge.Node);
                }
            }
        }
    }

    // The gradient arriving along an edge adds to what its node's output (edge.InputNr) already received.
    private static void AddTo(Dictionary<Node, Tensor> buffers, Dictionary<Node, Tensor?[]> outputBuffers, Edge edge, Tensor gradient)
    {
        var node = edge.Node!;
        // Out of place: an incoming gradient may be shared with another edge (AddBackward0 passes one tensor to both).
        if (node.OutputCount == 1)
        {
            buffers[node] = buffers.TryGetValue(node, out var existing) ? existing.Add(gradient) : gradient;
            return;
        }
        if (!outputBuffers.TryGetValue(node, out var slots)) outputBuffers[node] = slots = new Tensor?[node.OutputCount];
        slots[edge.InputNr] = slots[edge.InputNr] is { } sum ? sum.Add(gradient) : gradient;
    }
}
