namespace StaticNet.Distributed;

/// <summary>A process group could not be created, or a collective failed or timed out (PyTorch's <c>DistBackendError</c>).</summary>
public sealed class DistributedException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public DistributedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public DistributedException(string message, Exception inner) : base(message, inner)
    {
    }
}
