namespace StaticNet.NN;

/// <summary>
/// A list of registered modules (PyTorch's <c>nn.ModuleList</c>): its children are named <c>0</c>, <c>1</c>, ... but it
/// has no Forward of its own — the owning module decides how to use them.
/// </summary>
public sealed class ModuleList(params Module[] modules) : ModuleSequence<ModuleList>(modules);
