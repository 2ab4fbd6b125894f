using StaticNet.Autograd;

namespace StaticNet;

public static partial class Torch
{
    /// <summary>
    /// Turns gradient recording off until the returned scope is disposed (<c>with torch.no_grad():</c>):
    /// <c>using (Torch.NoGrad()) { ... }</c>. Scopes nest, and are per thread and async-safe.
    /// </summary>
    public static GradMode.Scope NoGrad() => GradMode.Set(false);

    /// <summary>Turns gradient recording on inside a <see cref="NoGrad"/> scope (<c>torch.enable_grad()</c>).</summary>
    public static GradMode.Scope EnableGrad() => GradMode.Set(true);

    /// <summary>True unless inside a <see cref="NoGrad"/> scope (<c>torch.is_grad_enabled()</c>).</summary>
    public static bool IsGradEnabled() => GradMode.IsEnabled;

    /// <summary>The functional autograd API (<c>torch.autograd</c>).</summary>
    public static class Autograd
    {
        /// <summary>
        /// Turns on anomaly detection until the returned scope is disposed (<c>with torch.autograd.detect_anomaly():</c>):
        /// ops remember their call site, and a backward node returning NaN or ±Inf throws
        /// <see cref="AutogradAnomalyException"/> naming the node and that call site. For debugging: it is slow.
        /// </summary>
        public static AnomalyMode.Scope DetectAnomaly() => AnomalyMode.Set(true);

        /// <summary>True inside a <see cref="DetectAnomaly"/> scope (<c>torch.is_anomaly_enabled()</c>).</summary>
        public static bool IsAnomalyEnabled() => AnomalyMode.IsEnabled;

        /// <summary>
        /// The gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>, returned instead of
        /// accumulated into <c>Grad</c> (<c>torch.autograd.grad</c>).
        /// </summary>
        /// <param name="outputs">Tensors to differentiate.</param>
        /// <param name="inputs">Tensors to differentiate with respect to (leaves or intermediate results).</param>
        /// <param name="gradOutputs">The gradient for each output; may be omitted for one-element outputs.</param>
        /// <param name="retainGraph">Keep the graph's saved tensors for another backward pass.</param>
        /// <param name="allowUnused">Return null for an input the outputs do not depend on, instead of throwing.</param>
        public static Tensor?[] Grad(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs,
            IReadOnlyList<Tensor>? gradOutputs = null, bool retainGraph = false, bool allowUnused = false)
        {
            var roots = new List<(Edge, Tensor)>(outputs.Count);
            for (int i = 0; i < outputs.Count; i++)
            {
                var o = outputs[i];
                if (!o.RequiresGrad)
                    throw new InvalidOperationException($"element {i} of tensors does not require grad and does not have a grad_fn");
                var g = gradOutputs?[i];
                if (g is null)
                {
                    if (o.Numel != 1) throw new InvalidOperationException("grad can be implicitly created only for scalar outputs");
                    g = OnesLike(o);
                }
                roots.Add((Graph.EdgeOf(o), g));
            }
            var capture = new Dictionary<Edge, Tensor?>(); // an Edge compares its node by reference (Node keeps object equality)
            var nodes = new Edge[inputs.Count];
            for (int i = 0; i < inputs.Count; i++)
            {
                if (!inputs[i].RequiresGrad)
                    throw new InvalidOperationException($"One of the differentiated Tensors (input {i}) does not require grad");
                nodes[i] = Graph.EdgeOf(inputs[i]);
                capture[nodes[i]] = null;
            }
            Engine.Run(roots, retainGraph, capture);
            var result = new Tensor?[inputs.Count];
            for (int i = 0; i < inputs.Count; i++)
            {
                result[i] = capture[nodes[i]];
                if (result[i] is null && !allowUnused)
                    throw new InvalidOperationException(
                        $"One of the differentiated Tensors (input {i}) appears to not have been used in the graph. Set allowUnused: true if this is the desired behavior.");
            }
            return result;
        }

        /// <summary>
        /// Checks the analytic gradients of <paramref name="func"/> against finite differences in Float64
        /// (<c>torch.autograd.gradcheck</c>): every element of the Jacobian of the output with respect to each input
        /// that requires grad must satisfy |analytic − numeric| ≤ atol + rtol·|numeric|.
        /// </summary>
        /// <param name="func">The function under test; it may return a tensor of any shape.</param>
        /// <param name="inputs">Float64 inputs; those with <c>RequiresGrad</c> are checked (they may be non-contiguous views).</param>
        /// <param name="eps">The finite-difference step.</param>
        /// <param name="atol">Absolute tolerance.</param>
        /// <param name="rtol">Relative tolerance.</param>
        /// <param name="raiseException">Throw <see cref="GradcheckException"/> with the mismatch (default, as PyTorch) instead of returning false.</param>
        public static bool GradCheck(Func<Tensor[], Tensor> func, Tensor[] inputs, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3, bool raiseException = true) =>
            StaticNet.Autograd.GradCheck.Run(func, inputs, eps, atol, rtol, raiseException);
    }
}
