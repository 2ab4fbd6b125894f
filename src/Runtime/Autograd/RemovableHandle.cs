namespace StaticNet.Autograd;

/// <summary>
/// Unregisters what it was returned for (a hook) when removed or disposed, as PyTorch's <c>RemovableHandle</c>;
/// removing twice does nothing.
/// </summary>
public sealed class RemovableHandle : IDisposable
{
    private Action? _remove;

    internal RemovableHandle(Action remove) => _remove = remove;

    /// <summary>Unregisters the hook (once).</summary>
    public void Remove() => Interlocked.Exchange(ref _remove, null)?.Invoke();

    /// <summary>Same as <see cref="Remove"/>, so a hook can live for a <c>using</c> scope.</summary>
    public void Dispose() => Remove();
}
