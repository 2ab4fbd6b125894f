namespace StaticNet.IO.Pth;

/// <summary>
/// The pickle of a <c>.pth</c> file (<c>data.pkl</c>): GLOBAL resolves only <c>collections.OrderedDict</c>,
/// <c>torch._utils._rebuild_tensor_v2</c>, <c>torch._utils._rebuild_parameter</c> and the <c>torch.*Storage</c>
/// classes. Anything else — <c>os.system</c>, <c>builtins.eval</c>, a model class — is refused by name (Python's
/// <c>pickle</c> would call it).
/// </summary>
internal sealed class StateDictVocabulary : PickleVocabulary
{
    public static StateDictVocabulary Instance { get; } = new();

    public override string Content => "a state dict";

    public override string Writer => "torch.save";

    public override object Resolve(string module, string name, Func<string, Exception> error)
    {
        if (module == "collections" && name == "OrderedDict") return PyGlobal.OrderedDict;
        if (module == "torch._utils" && name == "_rebuild_tensor_v2") return PyGlobal.RebuildTensorV2;
        if (module == "torch._utils" && name == "_rebuild_parameter") return PyGlobal.RebuildParameter;
        if (module == "torch" && StorageType.Known.TryGetValue(name, out var type)) return type;
        throw error($"refers to the global '{module}.{name}', which is not allowed: StaticNet loads only state dicts (OrderedDict, "
            + "torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter and the torch Float/Double/Long/Int/Byte/Bool/Half/BFloat16 storages) "
            + "and never runs code from a file; save the model's state_dict() instead of the whole model");
    }

    public override object? Call(object? func, object?[] a, Func<string, Exception> error)
    {
        switch (func)
        {
            case PyGlobal.OrderedDict when a.Length == 0: return new PyDict(ordered: true);
            case PyGlobal.RebuildTensorV2 when a.Length is 6 or 7:
                if (a[0] is not StorageRef storage) throw error("rebuilds a tensor from something that is not a storage");
                return new PickledTensor(storage, Int(a[1], "storage_offset", error), Ints(a[2], "size", error), Ints(a[3], "stride", error));
            case PyGlobal.RebuildParameter when a.Length == 3 && a[0] is PickledTensor t: return t;
            default:
                throw error($"calls {Describe(func)} with {a.Length} argument(s); a state dict calls only OrderedDict(), "
                    + "_rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks) and _rebuild_parameter(data, requires_grad, hooks)");
        }
    }

    public override void Build(object? target, object? state, Func<string, Exception> error)
    {
        // OrderedDict's state: the _metadata (module versions) that nn.Module.state_dict() attaches; not needed.
        if (target is not PyDict || state is not (null or PyDict)) throw error("uses BUILD on something other than a dict");
    }

    public override object PersistentLoad(object? pid, Func<string, Exception> error)
    {
        if (pid is object?[] { Length: 5 } t && t[0] is "storage" && t[1] is StorageType type && t[2] is string key && t[3] is string location)
        {
            long numel = Int(t[4], "storage size", error);
            if (numel < 0) throw error($"declares storage '{key}' with {numel} elements");
            return new StorageRef(key, type, location, numel);
        }
        throw error("has a persistent id that is not ('storage', torch.<Type>Storage, key, location, numel)");
    }
}
