namespace StaticNet.Optim;

public abstract partial class Optimizer
{
    /// <summary>The names of the 0-dim Float32 counters kept in a parameter's state, as PyTorch 2.x keeps them.</summary>
    private static bool IsScalarSlot(string name) => name is "step" or "mu_product";

    /// <summary>
    /// The optimizer's state (<c>state_dict()</c>): per-parameter buffers by parameter index and each group's options.
    /// The buffers are the live tensors, as in PyTorch: save or clone them before stepping again if a snapshot is wanted.
    /// </summary>
    public OptimizerState StateDict()
    {
        var sd = new OptimizerState();
        int index = 0;
        foreach (var group in _groups)
        {
            var saved = new ParamGroupState();
            foreach (var option in group.SetOptions)
            {
                if (option == GroupOption.Beta2) continue; // saved with Beta1 as PyTorch's "betas" tuple
                saved.Options[GroupOptions.Key(option)] = option == GroupOption.Beta1 ? (group.Beta1, group.Beta2)
                    : GroupOptions.IsFlag(option) ? group.Get(option) != 0 : group.Get(option);
            }
            if (group.InitialLr is { } initialLr) saved.Options["initial_lr"] = initialLr;
            foreach (var p in group.ParamArray)
            {
                if (_state.TryGetValue(p, out var state) && state.Count > 0)
                {
                    var copy = new StateDict();
                    foreach (var (name, t) in state) copy[name] = t;
                    sd.State[index] = copy;
                }
                saved.Params.Add(index++);
            }
            sd.ParamGroups.Add(saved);
        }
        return sd;
    }

    /// <summary>
    /// Restores a state made by <see cref="StateDict"/> (<c>load_state_dict</c>): the groups must match in number and size;
    /// buffers are copied (cast to each parameter's dtype) and group options replaced; parameters keep their identity.
    /// </summary>
    /// <exception cref="ArgumentException">The groups do not match, or a buffer's shape differs from its parameter's.</exception>
    public void LoadStateDict(OptimizerState stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var saved = stateDict.ParamGroups;
        if (saved.Count != _groups.Count)
            throw new ArgumentException($"loaded state dict has a different number of parameter groups ({saved.Count}, the optimizer has {_groups.Count})");
        for (int i = 0; i < saved.Count; i++)
            if (saved[i].Params.Count != _groups[i].ParamArray.Length)
                throw new ArgumentException(
                    $"loaded state dict contains a parameter group that doesn't match the size of optimizer's group (group {i}: {saved[i].Params.Count} parameters saved, {_groups[i].ParamArray.Length} in the optimizer)");

        // Check everything before changing anything, so that a failed load leaves the optimizer as it was.
        var byIndex = new Dictionary<int, Tensor>();
        for (int gi = 0; gi < saved.Count; gi++)
            for (int k = 0; k < saved[gi].Params.Count; k++)
                byIndex[saved[gi].Params[k]] = _groups[gi].ParamArray[k];
        var newState = new Dictionary<Tensor, StateDict>(ReferenceEqualityComparer.Instance);
        foreach (var (index, buffers) in stateDict.State)
        {
            if (!byIndex.TryGetValue(index, out var p))
                throw new ArgumentException($"loaded state dict has state for parameter {index}, which no parameter group lists");
            newState[p] = LoadBuffers(buffers, p, index);
        }
        for (int gi = 0; gi < saved.Count; gi++) LoadOptions(_groups[gi], saved[gi].Options, gi);

        _state.Clear();
        foreach (var (p, s) in newState) _state[p] = s;
    }

    private static StateDict LoadBuffers(StateDict buffers, Tensor p, int index)
    {
        var copy = new StateDict();
        foreach (var (name, t) in buffers)
        {
            if (IsScalarSlot(name))
            {
                if (t.Numel != 1) throw new ArgumentException($"loaded state '{name}' of parameter {index} has shape {t.Shape}; expected one element");
                copy[name] = ScalarSlot((float)t.Item<double>());
            }
            else
            {
                if (!t.ShapeSpan.SequenceEqual(p.ShapeSpan))
                    throw new ArgumentException($"loaded state '{name}' of parameter {index} has shape {t.Shape}, but the parameter has shape {p.Shape}");
                copy[name] = (t.DType == p.DType ? t.Clone() : t.To(p.DType).Contiguous()).To(p.Device);
            }
        }
        return copy;
    }

    private void LoadOptions(ParamGroup group, Dictionary<string, object> options, int groupIndex)
    {
        // Parse into a scratch group first so that a bad value leaves the group unchanged.
        var parsed = new List<(GroupOption Option, double Value)>();
        foreach (var option in group.SetOptions)
        {
            if (!options.TryGetValue(GroupOptions.Key(option), out var value)) continue;
            parsed.Add((option, option switch
            {
                GroupOption.Beta1 or GroupOption.Beta2 => Beta(value, option == GroupOption.Beta1 ? 0 : 1, groupIndex),
                _ => Number(value, GroupOptions.Key(option), groupIndex),
            }));
        }
        foreach (var (option, value) in parsed) group.Set(option, value);
        if (options.TryGetValue("initial_lr", out var initial)) group.InitialLr = Number(initial, "initial_lr", groupIndex);
    }

    private static double Number(object value, string key, int groupIndex) => value switch
    {
        bool b => b ? 1 : 0,
        double or float or int or long => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"loaded option '{key}' of parameter group {groupIndex} is a {value.GetType().Name}; expected a number or bool"),
    };

    private static double Beta(object value, int at, int groupIndex) => value switch
    {
        ValueTuple<double, double> t => at == 0 ? t.Item1 : t.Item2,
        IReadOnlyList<double> l when l.Count == 2 => l[at],
        _ => throw new ArgumentException($"loaded option 'betas' of parameter group {groupIndex} is a {value.GetType().Name}; expected a (double, double) tuple"),
    };

    /// <summary>A 0-dim Float32 counter (<c>step</c>, <c>mu_product</c>).</summary>
    private protected static Tensor ScalarSlot(float value)
    {
        var t = new Tensor([], DType.Float32);
        t.StorageOf<float>().Span[0] = value;
        return t;
    }

    /// <summary>Reads a 0-dim Float32 counter.</summary>
    private protected static float ReadSlot(Tensor slot) => slot.StorageOf<float>().Span[(int)slot.StorageOffset];

    /// <summary>Writes a 0-dim Float32 counter.</summary>
    private protected static void WriteSlot(Tensor slot, float value)
    {
        slot.StorageOf<float>().Span[(int)slot.StorageOffset] = value;
        slot.Storage.BumpVersion();
    }

    /// <summary>Adds one to the <c>step</c> counter in Float32, as PyTorch's <c>step_t += 1</c>, and returns the new count.</summary>
    private protected static double IncrementStep(StateDict state)
    {
        var slot = state["step"];
        float step = ReadSlot(slot) + 1;
        WriteSlot(slot, step);
        return step;
    }

    /// <summary>A zero-filled contiguous buffer shaped and typed like <paramref name="param"/>.</summary>
    private protected static Tensor ZerosLike(Tensor param) => new((long[])param.ShapeArray.Clone(), param.DType, param.Device); // state lives with its parameter
}
