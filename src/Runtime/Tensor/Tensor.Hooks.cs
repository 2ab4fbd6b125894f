using StaticNet.Autograd;

namespace StaticNet;

public partial class Tensor
{
    // Post-accumulate-grad hooks, in registration order; null until the first is registered (most tensors have none).
    private List<Action<Tensor>>? _postAccumulateGradHooks;

    /// <summary>
    /// Registers <paramref name="hook"/> to run after a backward pass has accumulated this leaf's gradient into
    /// <see cref="Grad"/> (PyTorch's <c>register_post_accumulate_grad_hook</c>): the hook receives this tensor and may read
    /// or change <c>Grad</c> in place. It runs once per backward pass that reaches the leaf, whether the gradient came
    /// through the leaf's <c>AccumulateGrad</c> node or was written straight into <c>Grad</c> by a declared model's fused
    /// backward, and as soon as that gradient is final, while the rest of the backward pass goes on: data-parallel training
    /// uses it to start reducing gradients early. Not run by <c>Autograd.Grad</c>, which leaves <c>Grad</c> alone.
    /// </summary>
    /// <param name="hook">Called with this tensor; runs with gradient recording off.</param>
    /// <returns>A handle whose <see cref="RemovableHandle.Remove"/> (or <c>Dispose</c>) unregisters the hook.</returns>
    /// <exception cref="InvalidOperationException">This tensor is not a leaf, or does not require grad.</exception>
    public RemovableHandle RegisterPostAccumulateGradHook(Action<Tensor> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        if (!RequiresGrad)
            throw new InvalidOperationException("cannot register a hook on a tensor that doesn't require gradient");
        if (GradFn is not null)
            throw new InvalidOperationException("post accumulate grad hooks cannot be registered on non-leaf tensors");
        var hooks = _postAccumulateGradHooks ??= [];
        hooks.Add(hook);
        return new RemovableHandle(() => hooks.Remove(hook));
    }

    /// <summary>True when a post-accumulate-grad hook is registered.</summary>
    internal bool HasPostAccumulateGradHooks => _postAccumulateGradHooks is { Count: > 0 };

    /// <summary>Runs the post-accumulate-grad hooks, after this leaf's gradient for the current pass is complete.</summary>
    internal void RunPostAccumulateGradHooks()
    {
        if (_postAccumulateGradHooks is not { Count: > 0 } hooks) return;
        // A copy: a hook may remove itself (or register another) while the list is walked.
        foreach (var hook in hooks.ToArray()) hook(this);
    }
}
