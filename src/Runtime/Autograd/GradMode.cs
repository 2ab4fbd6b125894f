namespace StaticNet.Autograd;

/// <summary>
/// Whether operations record the backward graph. The state is an <see cref="AsyncLocal{T}"/>: it is per thread,
/// flows into tasks started inside a scope, and is restored when an awaited method returns, so
/// <c>using (Torch.NoGrad())</c> behaves the same in async code as PyTorch's <c>with torch.no_grad():</c>.
/// </summary>
public static class GradMode
{
    private static readonly AsyncLocal<bool> Disabled = new();

    /// <summary>True unless inside a <see cref="Torch.NoGrad"/> scope (PyTorch's <c>torch.is_grad_enabled()</c>).</summary>
    public static bool IsEnabled
    {
        get => !Disabled.Value;
        set => Disabled.Value = !value;
    }

    /// <summary>Sets the mode until the returned scope is disposed, then restores the previous mode.</summary>
    internal static Scope Set(bool enabled)
    {
        var scope = new Scope(IsEnabled);
        IsEnabled = enabled;
        return scope;
    }

    /// <summary>Restores the grad mode that was active when it was created.</summary>
    public sealed class Scope : IDisposable
    {
        private readonly bool _previous;
        private bool _disposed;

        internal Scope(bool previous) => _previous = previous;

        /// <summary>Restores the previous mode.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            IsEnabled = _previous;
        }
    }
}
