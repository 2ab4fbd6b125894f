using System.Globalization;
using System.Text.Json;
using StaticNet.Optim;

namespace StaticNet.IO.Safetensors;

/// <summary>
/// Lays <see cref="SavedContent"/> out as safetensors' flat tensor map plus string metadata. A state dict is written
/// as is (with <c>"format": "pt"</c>, which Hugging Face loaders expect); a whole model adds
/// <c>"staticnet.model_type"</c>; an optimizer's buffers become <c>state.&lt;index&gt;.&lt;name&gt;</c> and its groups a
/// JSON string under <c>param_groups</c>; a checkpoint prefixes these with <c>model_state_dict.</c> and
/// <c>optimizer_state_dict.</c> and stores <c>epoch</c> and <c>loss</c> as metadata strings.
/// </summary>
internal static class SafetensorsContent
{
    private const string KindKey = "staticnet.content";
    private const string TypeKey = "staticnet.model_type";
    private const string ArchitectureKey = "staticnet.architecture";

    public static (StateDict Tensors, Dictionary<string, string> Metadata) ToFile(SavedContent c)
    {
        var tensors = new StateDict();
        var meta = new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = "pt" };
        switch (c.Kind)
        {
            case ContentKind.StateDict:
                foreach (var (k, t) in c.Weights!) tensors[k] = t;
                break;
            case ContentKind.Model:
                foreach (var (k, t) in c.Weights!) tensors[k] = t;
                meta[TypeKey] = c.ModelType!;
                if (c.Architecture is not null) meta[ArchitectureKey] = c.Architecture;
                break;
            case ContentKind.Optimizer:
                meta[KindKey] = "optimizer";
                AddOptimizer(c.Optimizer!, "", tensors, meta);
                break;
            default:
                meta[KindKey] = "checkpoint";
                foreach (var (k, t) in c.Weights!) tensors["model_state_dict." + k] = t;
                if (c.Optimizer is not null) AddOptimizer(c.Optimizer, "optimizer_state_dict.", tensors, meta);
                meta["epoch"] = c.Epoch.ToString(CultureInfo.InvariantCulture);
                if (c.Loss is { } loss) meta["loss"] = loss.ToString("R", CultureInfo.InvariantCulture);
                break;
        }
        return (tensors, meta);
    }

    private static void AddOptimizer(OptimizerState s, string prefix, StateDict tensors, Dictionary<string, string> meta)
    {
        foreach (var (index, buffers) in s.State.OrderBy(p => p.Key))
            foreach (var (name, t) in buffers) tensors[$"{prefix}state.{index}.{name}"] = t;
        meta[prefix + "param_groups"] = ParamGroupsJson.Write(s.ParamGroups);
    }

    public static SavedContent FromFile(StateDict tensors, Dictionary<string, string> meta, string file)
    {
        meta.TryGetValue(KindKey, out var kind);
        if (kind is null)
        {
            tensors.SourcePath = file;
            return meta.TryGetValue(TypeKey, out var type)
                ? new() { Kind = ContentKind.Model, ModelType = type, Architecture = meta.GetValueOrDefault(ArchitectureKey), Weights = tensors }
                : new() { Kind = ContentKind.StateDict, Weights = tensors };
        }
        if (kind == "optimizer")
            return new() { Kind = ContentKind.Optimizer, Optimizer = ReadOptimizer(tensors, meta, "", file) };
        if (kind != "checkpoint")
            throw new InvalidDataException($"'{file}': metadata '{KindKey}' is '{kind}'; expected 'optimizer' or 'checkpoint'.");
        var weights = new StateDict { SourcePath = file };
        foreach (var (k, t) in tensors)
            if (k.StartsWith("model_state_dict.", StringComparison.Ordinal)) weights[k["model_state_dict.".Length..]] = t;
        return new()
        {
            Kind = ContentKind.Checkpoint,
            Weights = weights,
            Optimizer = meta.ContainsKey("optimizer_state_dict.param_groups") ? ReadOptimizer(tensors, meta, "optimizer_state_dict.", file) : null,
            Epoch = meta.TryGetValue("epoch", out var e) ? ParseLong(e, "epoch", file) : 0,
            Loss = meta.TryGetValue("loss", out var l) ? ParseDouble(l, "loss", file) : null,
        };
    }

    private static OptimizerState ReadOptimizer(StateDict tensors, Dictionary<string, string> meta, string prefix, string file)
    {
        var state = new OptimizerState();
        if (!meta.TryGetValue(prefix + "param_groups", out var groups))
            throw new InvalidDataException($"'{file}': the optimizer state has no '{prefix}param_groups' metadata.");
        state.ParamGroups.AddRange(ParamGroupsJson.Read(groups, file));
        var statePrefix = prefix + "state.";
        foreach (var (k, t) in tensors)
        {
            if (!k.StartsWith(statePrefix, StringComparison.Ordinal)) continue;
            var rest = k[statePrefix.Length..];
            int dot = rest.IndexOf('.');
            if (dot <= 0 || !int.TryParse(rest.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                throw new InvalidDataException($"'{file}': tensor '{k}' should be named {statePrefix}<parameter index>.<buffer name>.");
            if (!state.State.TryGetValue(index, out var buffers)) state.State[index] = buffers = new StateDict();
            buffers[rest[(dot + 1)..]] = t;
        }
        return state;
    }

    private static long ParseLong(string s, string key, string file) =>
        long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
            : throw new InvalidDataException($"'{file}': metadata '{key}' is '{s}'; expected an integer.");

    private static double ParseDouble(string s, string key, string file) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new InvalidDataException($"'{file}': metadata '{key}' is '{s}'; expected a number.");
}
