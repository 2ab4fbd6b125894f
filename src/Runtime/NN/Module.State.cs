using StaticNet.Kernels;

namespace StaticNet.NN;

public abstract partial class Module
{
    /// <summary>True in training mode (the default), false after <see cref="Eval"/>; Dropout and BatchNorm read it.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Sets training mode on this module and all descendants; returns this module.</summary>
    public Module Train(bool mode = true)
    {
        foreach (var m in Modules()) m.Training = mode;
        return this;
    }

    /// <summary>Sets evaluation mode (<c>Train(false)</c>).</summary>
    public Module Eval() => Train(false);

    /// <summary>
    /// Clears the gradients of all parameters: to null (PyTorch 2.x's default; a gradient user code never read keeps its
    /// buffer for the next backward), or to zeros with <paramref name="setToNone"/> false.
    /// </summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var p in Parameters())
        {
            if (setToNone) p.DropGrad();
            else if (p.GradInternal is { } g && !g.TryZeroDense("zero_"))
                using (Torch.NoGrad()) g.Zero_();
        }
    }

    /// <summary>
    /// Moves every parameter (and its gradient) and every buffer to <paramref name="device"/> in place
    /// (<c>model.to(device)</c>): the Parameter objects stay the same, so an optimizer holding them keeps working.
    /// <c>model.To(device)</c> on a typed model returns that type (<see cref="ModuleExtensions.To{TModule}"/>).
    /// </summary>
    internal void MoveTo(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.Type != DeviceType.Cpu) Kernels.Backends.For(device); // a clear error before anything moves
        foreach (var p in Parameters())
        {
            p.MoveStorageInPlace(device);
            p.GradInternal?.MoveStorageInPlace(device);
            p.DropSpareGrad();
        }
        foreach (var b in Buffers()) b.MoveStorageInPlace(device);
    }

    /// <summary>
    /// The parameters and persistent buffers by dotted name, in registration order (<c>state_dict()</c>). The tensors
    /// are detached views of the live ones: loading into the module changes what they show.
    /// </summary>
    public StateDict StateDict()
    {
        var sd = new StateDict();
        foreach (var (path, module) in NamedModules())
        {
            foreach (var (name, p) in module._parameters)
                if (p is not null) sd[Join(path, name)] = p.Detach();
            foreach (var (name, b) in module._buffers)
                if (b is not null && module.IsPersistent(name)) sd[Join(path, name)] = b.Detach();
        }
        return sd;
    }

    /// <summary>
    /// Copies tensors from <paramref name="stateDict"/> into the parameters and buffers of the same names
    /// (<c>load_state_dict</c>). With <paramref name="strict"/> (the default) every key must match exactly; otherwise
    /// matching keys load and the others are returned. The result prints as PyTorch's does
    /// (<c>&lt;All keys matched successfully&gt;</c>) and deconstructs into <c>(missing, unexpected)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A shape differs (the message names the key and both shapes), or, when strict,
    /// keys are missing or unexpected.</exception>
    public IncompatibleKeys LoadStateDict(StateDict stateDict, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var targets = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (path, module) in NamedModules())
        {
            foreach (var (name, p) in module._parameters) if (p is not null) targets[Join(path, name)] = p;
            foreach (var (name, b) in module._buffers) if (b is not null && module.IsPersistent(name)) targets[Join(path, name)] = b;
        }
        var missing = targets.Keys.Where(k => !stateDict.ContainsKey(k)).ToList();
        var unexpected = stateDict.Keys.Where(k => !targets.ContainsKey(k)).ToList();
        var mismatches = new List<string>();
        foreach (var (key, source) in stateDict)
            if (targets.TryGetValue(key, out var target) && !source.ShapeSpan.SequenceEqual(target.ShapeSpan))
                mismatches.Add($"size mismatch for {key}: copying a param with shape {source.Shape} from checkpoint, the shape in current model is {target.Shape}.");
        if (mismatches.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
        {
            var lines = new List<string>();
            if (strict && missing.Count > 0) lines.Add("Missing key(s) in state_dict: " + string.Join(", ", missing.Select(k => $"\"{k}\"")) + ".");
            if (strict && unexpected.Count > 0) lines.Add("Unexpected key(s) in state_dict: " + string.Join(", ", unexpected.Select(k => $"\"{k}\"")) + ".");
            lines.AddRange(mismatches);
            throw new ArgumentException($"Error(s) in loading state_dict for {TypeName}{(stateDict.SourcePath is { } file ? $" from '{file}'" : "")}:\n\t" + string.Join("\n\t", lines));
        }
        using (Torch.NoGrad())
        {
            foreach (var (key, source) in stateDict)
                if (targets.TryGetValue(key, out var target))
                {
                    // Copy_ into a leaf that requires grad is allowed here because grad mode is off.
                    target.Storage.BumpVersion();
                    Backends.Copy(source, target);
                }
        }
        return new IncompatibleKeys(missing, unexpected);
    }
}
