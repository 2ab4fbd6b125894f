using StaticNet.Optim;

namespace StaticNet.IO.Pth;

/// <summary>
/// Lays <see cref="SavedContent"/> out as the Python objects PyTorch users expect from <c>torch.load</c>: an
/// <c>OrderedDict</c> of tensors for a state dict; <c>{"model_type": name, "state_dict": OrderedDict}</c> for a whole
/// model; <c>{"state": {index: {name: tensor}}, "param_groups": [{..., "params": [indices]}]}</c> for an optimizer
/// (as <c>optimizer.state_dict()</c>); and <c>{"epoch", "model_state_dict", "optimizer_state_dict", "loss"}</c> for a
/// checkpoint (the keys of PyTorch's "saving a general checkpoint" recipe), and reads them back.
/// </summary>
internal static class PthContent
{
    public static object ToPickle(SavedContent c) => c.Kind switch
    {
        ContentKind.StateDict => Weights(c.Weights!),
        ContentKind.Model => Dict(("model_type", c.ModelType), ("state_dict", Weights(c.Weights!)), ("architecture", c.Architecture)),
        ContentKind.Optimizer => Optimizer(c.Optimizer!),
        _ => Checkpoint(c),
    };

    private static PyDict Checkpoint(SavedContent c)
    {
        var d = Dict(("epoch", c.Epoch), ("model_state_dict", Weights(c.Weights!)));
        if (c.Optimizer is not null) d.Add("optimizer_state_dict", Optimizer(c.Optimizer));
        if (c.Loss is { } loss) d.Add("loss", loss);
        return d;
    }

    private static PyDict Weights(StateDict sd)
    {
        var d = new PyDict(ordered: true);
        foreach (var (k, t) in sd) d.Add(k, t);
        return d;
    }

    private static PyDict Optimizer(OptimizerState s)
    {
        var state = new PyDict(ordered: false);
        foreach (var (index, buffers) in s.State.OrderBy(p => p.Key))
        {
            var b = new PyDict(ordered: false);
            foreach (var (name, t) in buffers) b.Add(name, t);
            state.Add((long)index, b);
        }
        var groups = new List<object?>();
        foreach (var g in s.ParamGroups)
        {
            var d = new PyDict(ordered: false);
            foreach (var (key, value) in g.Options)
                d.Add(key, value is ValueTuple<double, double> t ? new object?[] { t.Item1, t.Item2 } : value);
            d.Add("params", g.Params.Select(i => (object?)(long)i).ToList());
            groups.Add(d);
        }
        return Dict(("state", state), ("param_groups", groups));
    }

    private static PyDict Dict(params (string Key, object? Value)[] items)
    {
        var d = new PyDict(ordered: false);
        foreach (var (k, v) in items) d.Add(k, v);
        return d;
    }

    /// <summary>Recognises what <paramref name="a"/> holds and builds its tensors.</summary>
    public static SavedContent FromPickle(PthArchive a, string file)
    {
        if (a.Root is not PyDict root)
            throw new InvalidDataException($"'{file}' holds a {Type(a.Root)}; expected a dict (a state dict, model, optimizer state or checkpoint).");
        if (root.TryGet("model_type", out var type) && root.TryGet("state_dict", out var sd))
        {
            root.TryGet("architecture", out var architecture);
            return new()
            {
                Kind = ContentKind.Model,
                ModelType = type as string ?? throw Bad(file, "model_type", "a str", type),
                Architecture = architecture as string,
                Weights = Weights(a, sd, "state_dict", file),
            };
        }
        if (root.TryGet("model_state_dict", out var msd))
        {
            root.TryGet("optimizer_state_dict", out var osd);
            root.TryGet("epoch", out var epoch);
            root.TryGet("loss", out var loss);
            return new()
            {
                Kind = ContentKind.Checkpoint,
                Weights = Weights(a, msd, "model_state_dict", file),
                Optimizer = osd is null ? null : Optimizer(a, osd, "optimizer_state_dict.", file),
                Epoch = epoch switch { null => 0, long e => e, _ => throw Bad(file, "epoch", "an int", epoch) },
                Loss = loss switch
                {
                    null => null,
                    double d => d,
                    long l => l,
                    PickledTensor t when t.Shape.All(d => d == 1) => a.Materialize(t, "loss").Item<double>(),
                    _ => throw Bad(file, "loss", "a float or a one-element tensor", loss),
                },
            };
        }
        if (root.TryGet("state", out _) && root.TryGet("param_groups", out _))
            return new() { Kind = ContentKind.Optimizer, Optimizer = Optimizer(a, root, "", file) };
        return new() { Kind = ContentKind.StateDict, Weights = Weights(a, root, null, file) };
    }

    private static StateDict Weights(PthArchive a, object? value, string? where, string file)
    {
        if (value is not PyDict dict) throw Bad(file, where ?? "(root)", "a dict of tensors", value);
        var sd = new StateDict();
        foreach (var (k, v) in dict.Items)
        {
            var key = k as string ?? throw new InvalidDataException($"'{file}': the state dict has the key {k}; expected str keys.");
            var name = where is null ? key : $"{where}.{key}";
            sd[key] = v is PickledTensor t ? a.Materialize(t, name) : throw Bad(file, name, "a tensor", v);
        }
        sd.SourcePath = file;
        return sd;
    }

    private static OptimizerState Optimizer(PthArchive a, object? value, string prefix, string file)
    {
        if (value is not PyDict d || !d.TryGet("state", out var stateObj) || !d.TryGet("param_groups", out var groupsObj))
            throw Bad(file, prefix.TrimEnd('.'), "a dict with 'state' and 'param_groups'", value);
        var result = new OptimizerState();
        if (stateObj is not PyDict state) throw Bad(file, prefix + "state", "a dict", stateObj);
        foreach (var (k, v) in state.Items)
        {
            if (k is not long index || index is < 0 or > int.MaxValue) throw Bad(file, prefix + "state", "int keys", k);
            if (v is not PyDict buffers) throw Bad(file, $"{prefix}state.{index}", "a dict", v);
            var sd = new StateDict();
            foreach (var (bk, bv) in buffers.Items)
            {
                var name = $"{prefix}state.{index}.{bk}";
                sd[bk as string ?? throw Bad(file, name, "a str key", bk)] = bv switch
                {
                    PickledTensor t => a.Materialize(t, name),
                    long or double => Torch.Tensor(Convert.ToDouble(bv, System.Globalization.CultureInfo.InvariantCulture)), // 'step' before PyTorch 1.12
                    _ => throw Bad(file, name, "a tensor or a number", bv),
                };
            }
            result.State[(int)index] = sd;
        }
        if (groupsObj is not List<object?> groups) throw Bad(file, prefix + "param_groups", "a list", groupsObj);
        for (int gi = 0; gi < groups.Count; gi++)
        {
            var where = $"{prefix}param_groups[{gi}]";
            if (groups[gi] is not PyDict g) throw Bad(file, where, "a dict", groups[gi]);
            var saved = new ParamGroupState();
            foreach (var (gk, gv) in g.Items)
            {
                if (gk is not string key) throw Bad(file, where, "str keys", gk);
                if (key == "params")
                {
                    if (gv is not List<object?> ps || ps.Any(p => p is not long)) throw Bad(file, where + ".params", "a list of ints", gv);
                    saved.Params.AddRange(ps.Select(p => checked((int)(long)p!)));
                }
                else if (OptionValue(gv) is { } option) saved.Options[key] = option;
            }
            result.ParamGroups.Add(saved);
        }
        return result;
    }

    /// <summary>A group option as <see cref="ParamGroupState.Options"/> holds it; None (PyTorch's <c>foreach</c>) is left out.</summary>
    private static object? OptionValue(object? v) => v switch
    {
        object?[] { Length: 2 } t when t.All(x => x is double or long) =>
            (Convert.ToDouble(t[0], System.Globalization.CultureInfo.InvariantCulture), Convert.ToDouble(t[1], System.Globalization.CultureInfo.InvariantCulture)),
        long l => (double)l,
        double or bool or string => v,
        _ => null,
    };

    private static InvalidDataException Bad(string file, string key, string expected, object? actual) =>
        new($"'{file}': '{key}' is {Type(actual)}; expected {expected}.");

    private static string Type(object? v) => v switch
    {
        null => "None",
        string => "a str",
        long => "an int",
        double => "a float",
        bool => "a bool",
        object?[] => "a tuple",
        List<object?> => "a list",
        PyDict => "a dict",
        PickledTensor => "a tensor",
        StorageRef => "a storage",
        _ => "a " + v.GetType().Name,
    };
}
