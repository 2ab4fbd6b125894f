using StaticNet.NN;

namespace StaticNet.Optim;

/// <summary>
/// The base of the optimizers (PyTorch's <c>torch.optim.Optimizer</c>): parameter groups with their hyperparameters,
/// per-parameter state, <see cref="ZeroGrad"/>, <see cref="Step"/> and state dicts.
/// </summary>
/// <remarks>
/// A step updates each parameter that requires grad and has a gradient with one fused SIMD pass over its data; it
/// writes through the storages directly, so nothing is recorded for autograd (as under <c>torch.no_grad()</c>) and,
/// once the state buffers exist (after the first step), a step allocates nothing.
/// </remarks>
public abstract partial class Optimizer
{
    private readonly List<ParamGroup> _groups = [];
    private readonly Dictionary<Tensor, StateDict> _state = new(ReferenceEqualityComparer.Instance);

    private protected Optimizer(IEnumerable<ParamGroup> paramGroups, ParamGroup defaults)
    {
        ArgumentNullException.ThrowIfNull(paramGroups);
        Defaults = defaults;
        Validate(defaults); // PyTorch checks its arguments before it looks at the parameters
        var groups = paramGroups.ToList();
        if (groups.All(g => g is null || g.ParamArray.Length == 0))
            throw new ArgumentException("optimizer got an empty parameter list");
        foreach (var group in groups) AddParamGroup(group);
    }

    /// <summary>The constructor's hyperparameters (PyTorch's <c>defaults</c>): a group without parameters.</summary>
    public ParamGroup Defaults { get; }

    /// <summary>The parameter groups, in order; their options can be changed between steps.</summary>
    public IReadOnlyList<ParamGroup> ParamGroups => _groups;

    /// <summary>How many times <see cref="Step"/> ran (schedulers use it to warn about calls in the wrong order).</summary>
    internal int StepCount { get; set; }

    /// <summary>
    /// Adds a group (<c>add_param_group</c>), e.g. to fine-tune layers unfrozen later; its unset options take the defaults.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter is not a floating, contiguous leaf, is already in a group, or an option
    /// is invalid or unknown to this optimizer.</exception>
    public void AddParamGroup(ParamGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var ps = group.ParamArray;
        for (int i = 0; i < ps.Length; i++) CheckParameter(ps[i], i);
        if (ps.Distinct(ReferenceEqualityComparer.Instance).Count() != ps.Length)
            Warnings.Warn("optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; " +
                          "see github.com/pytorch/pytorch/issues/40967 for more information");
        if (_groups.Any(g => g.ParamArray.Intersect(ps, ReferenceEqualityComparer.Instance).Any()))
            throw new ArgumentException("some parameters appear in more than one parameter group");
        foreach (var option in group.SetOptions)
            if (!Defaults.IsSet(option))
                throw new ArgumentException($"{GetType().Name} has no option '{GroupOptions.Key(option)}', but parameter group {_groups.Count} sets it.");
        foreach (var option in Defaults.SetOptions)
            if (!group.IsSet(option)) group.Set(option, Defaults.Get(option));
        Validate(group);
        _groups.Add(group);
        OnGroupAdded(group);
    }

    /// <summary>
    /// Clears the gradients of all parameters (<c>zero_grad</c>): to null (PyTorch 2.x's default, which also lets
    /// <see cref="Step"/> skip the parameter), or to zeros with <paramref name="setToNone"/> false. A gradient set to
    /// null that user code never read keeps its buffer for the next backward, which then allocates nothing.
    /// </summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var group in _groups)
            foreach (var p in group.ParamArray)
            {
                if (setToNone) p.DropGrad();
                else if (p.GradInternal is { } g)
                {
                    g.Detach_(); // a gradient with history (create_graph) stops recording, as in PyTorch
                    if (!g.TryZeroDense("zero_"))
                        using (Torch.NoGrad()) g.Zero_();
                }
            }
    }

    /// <summary>
    /// Performs one optimization step (<c>step()</c>) on every parameter that requires grad and has a gradient;
    /// the others (frozen, or untouched by backward) are skipped.
    /// </summary>
    /// <exception cref="InvalidOperationException">A gradient's dtype or device differs from its parameter's.</exception>
    public void Step()
    {
        StepCount++;
        foreach (var group in _groups)
            foreach (var p in group.ParamArray)
            {
                if (!p.RequiresGrad || p.GradInternal is not { } grad) continue;
                Update(group, p, CheckGradient(p, grad), StateOf(p));
                p.Storage.BumpVersion();
            }
    }

    /// <summary>Validates a group's hyperparameters with PyTorch's messages ("Invalid learning rate: -1.0").</summary>
    private protected abstract void Validate(ParamGroup group);

    /// <summary>Updates one parameter from its (contiguous, same-dtype) gradient; <paramref name="state"/> is its buffers,
    /// empty before its first step.</summary>
    private protected abstract void Update(ParamGroup group, Tensor param, Tensor grad, StateDict state);

    /// <summary>Called once a group has joined (Adagrad creates its accumulators here, as PyTorch does in its constructor).</summary>
    private protected virtual void OnGroupAdded(ParamGroup group)
    {
    }

    /// <summary>The state of a parameter, created empty when it has none.</summary>
    private protected StateDict StateOf(Tensor param)
    {
        if (!_state.TryGetValue(param, out var state)) _state[param] = state = new StateDict();
        return state;
    }

    /// <summary>The checks Adam, AdamW and NAdam share (PyTorch's messages): lr, eps, both betas and weight decay.</summary>
    private protected static void CheckAdamRanges(ParamGroup group)
    {
        CheckRange(group.Lr >= 0, "learning rate", group.Lr);
        CheckRange(group.Eps >= 0, "epsilon value", group.Eps);
        CheckRange(group.Beta1 is >= 0 and < 1, "beta parameter at index 0", group.Beta1);
        CheckRange(group.Beta2 is >= 0 and < 1, "beta parameter at index 1", group.Beta2);
        CheckRange(group.WeightDecay >= 0, "weight_decay value", group.WeightDecay);
    }

    private protected static void CheckRange(bool valid, string what, double value)
    {
        if (!valid) throw new ArgumentException($"Invalid {what}: {PythonRepr.Float(value)}");
    }

    private static void CheckParameter(Tensor? p, int index)
    {
        if (p is null) throw new ArgumentException($"optimizer can only optimize Tensors, but parameter {index} of the group is null");
        if (!p.IsLeaf) throw new ArgumentException("can't optimize a non-leaf Tensor");
        if (!p.DType.IsFloatingPoint())
            throw new ArgumentException($"optimizer can only optimize Tensors of floating point dtype, but parameter {index} of the group is {p.DType.PyTorchName()}");
        // The fused step walks the data as one span; parameters made by modules are always contiguous.
        if (!p.IsContiguous)
            throw new ArgumentException(
                $"optimizer can only optimize contiguous Tensors, but parameter {index} of the group has shape {p.Shape} and strides ({string.Join(", ", p.Stride())}); pass p.Contiguous() as a new leaf");
    }

    private static Tensor CheckGradient(Tensor p, Tensor grad)
    {
        if (grad.DType != p.DType || grad.Device != p.Device)
            throw new InvalidOperationException(
                $"optimizer step: the gradient ({grad.DType.PyTorchName()} on {grad.Device}) does not match its parameter ({p.DType.PyTorchName()} on {p.Device}, shape {p.Shape}).");
        return grad.IsContiguous ? grad : grad.Contiguous(); // a hand-set strided gradient: the only copying path
    }
}
