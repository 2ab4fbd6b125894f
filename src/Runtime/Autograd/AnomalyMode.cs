using System.Diagnostics;
using System.Text;

namespace StaticNet.Autograd;

/// <summary>
/// Autograd's anomaly detection (PyTorch's <c>torch.autograd.detect_anomaly</c>): while on, every node recorded
/// keeps the call site of the forward op that created it, and a backward pass checks each node's gradients,
/// throwing <see cref="AutogradAnomalyException"/> naming the node and that call site when one holds NaN or ±Inf.
/// It slows both passes (a stack trace per op, a scan per gradient), so it is for debugging only. Like
/// <see cref="GradMode"/> the state is an <see cref="AsyncLocal{T}"/>: per thread, flowing into tasks.
/// </summary>
public static class AnomalyMode
{
    private static readonly AsyncLocal<bool> Enabled = new();

    /// <summary>True inside a <see cref="Torch.Autograd.DetectAnomaly"/> scope (<c>torch.is_anomaly_enabled()</c>).</summary>
    public static bool IsEnabled => Enabled.Value;

    internal static Scope Set(bool enabled)
    {
        var scope = new Scope(Enabled.Value);
        Enabled.Value = enabled;
        return scope;
    }

    /// <summary>Restores the anomaly mode that was active when it was created.</summary>
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
            Enabled.Value = _previous;
        }
    }

    /// <summary>
    /// The forward call site as text: the stack from the first frame outside StaticNet (the user's line that called
    /// the op) outwards, with file and line where the caller's symbols are available.
    /// </summary>
    internal static string CaptureForwardTrace()
    {
        var frames = new StackTrace(1, fNeedFileInfo: true).GetFrames();
        // DiagnosticMethodInfo rather than GetMethod(): it survives trimming, which the library supports.
        string? library = typeof(AnomalyMode).Assembly.GetName().Name;
        var methods = Array.ConvertAll(frames, DiagnosticMethodInfo.Create);
        int first = Array.FindIndex(methods, m => m?.DeclaringAssemblyName is { } a && new System.Reflection.AssemblyName(a).Name != library);
        if (first < 0) first = 0;
        var text = new StringBuilder();
        for (int i = first; i < frames.Length && i < first + MaxFrames; i++)
        {
            var method = methods[i];
            text.Append("   at ").Append(method?.DeclaringTypeName).Append('.').Append(method?.Name ?? "?");
            if (frames[i].GetFileName() is { } file) text.Append(" in ").Append(file).Append(":line ").Append(frames[i].GetFileLineNumber());
            text.Append('\n');
        }
        return text.ToString();
    }

    private const int MaxFrames = 12;

    /// <summary>Throws when a gradient a node returned holds NaN or ±Inf (called by the engine in anomaly mode).</summary>
    internal static void CheckGradients(Node node, Tensor?[] gradients)
    {
        for (int i = 0; i < gradients.Length; i++)
        {
            if (gradients[i] is not { } g || !g.DType.IsFloatingPoint()) continue;
            bool nan = false, inf = false;
            foreach (var v in g.ToArray<double>())
            {
                nan |= double.IsNaN(v);
                inf |= double.IsInfinity(v);
            }
            if (nan || inf) throw new AutogradAnomalyException(node.Name, i, nan ? "nan" : "inf", node.ForwardTrace);
        }
    }
}

/// <summary>
/// A backward node produced NaN or ±Inf in anomaly mode. The message is PyTorch's ("Function 'MulBackward0'
/// returned nan values in its 0th output.") followed by the forward call that created the node.
/// </summary>
public sealed class AutogradAnomalyException : Exception
{
    internal AutogradAnomalyException(string nodeName, int outputIndex, string kind, string? forwardTrace)
        : base($"Function '{nodeName}' returned {kind} values in its {outputIndex}th output."
            + (forwardTrace is null
                ? " (The node was recorded outside anomaly mode: enter Torch.Autograd.DetectAnomaly() before the forward pass to see its call site.)"
                : "\nTraceback of forward call that caused the error:\n" + forwardTrace))
    {
        NodeName = nodeName;
        OutputIndex = outputIndex;
        ForwardTrace = forwardTrace;
    }

    /// <summary>The node whose backward returned the bad values (<c>MulBackward0</c>).</summary>
    public string NodeName { get; }

    /// <summary>Which of the node's gradients (its forward op's input) held them.</summary>
    public int OutputIndex { get; }

    /// <summary>The forward call site recorded in anomaly mode, or null when the node was recorded outside it.</summary>
    public string? ForwardTrace { get; }
}
