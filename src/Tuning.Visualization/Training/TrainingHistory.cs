namespace StaticNet.Training;

/// <summary>
/// The metrics of a training run, one series per name (<c>"loss/train"</c>, <c>"accuracy/test"</c>), each a list of
/// (step, value) in the order logged: what <see cref="TrainingPlots"/> draws.
/// </summary>
public sealed class TrainingHistory
{
    private readonly Dictionary<string, List<(double Step, double Value)>> _series = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>Appends <paramref name="value"/> at <paramref name="step"/> (an epoch, a batch count) to series <paramref name="name"/>.</summary>
    public void Log(string name, double step, double value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!double.IsFinite(step)) throw new ArgumentOutOfRangeException(nameof(step), step, $"TrainingHistory.Log('{name}'): the step must be finite.");
        if (!_series.TryGetValue(name, out var points))
        {
            _series[name] = points = [];
            _order.Add(name);
        }
        points.Add((step, value));
    }

    /// <summary>The series names, in the order first logged.</summary>
    public IReadOnlyList<string> Names => _order;

    /// <summary>The points of series <paramref name="name"/>.</summary>
    public IReadOnlyList<(double Step, double Value)> this[string name] => _series.TryGetValue(name, out var points)
        ? points
        : throw new KeyNotFoundException($"TrainingHistory: no series '{name}'; logged are: {string.Join(", ", _order)}.");
}
