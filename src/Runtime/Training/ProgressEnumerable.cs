using StaticNet.Data;

namespace StaticNet.Training;

/// <summary>
/// A sequence that drives a <see cref="ProgressBar"/> as it is enumerated (tqdm's <c>tqdm(loader)</c>): an item
/// counts as done when the loop asks for the next one, and the bar closes when the loop ends, early or not.
/// </summary>
/// <example>
/// <code>
/// var progress = trainLoader.WithProgress($"Epoch {epoch}");
/// foreach (var (x, y) in progress)
/// {
///     var loss = step(x, y);
///     progress.ReportLoss(loss.Item&lt;float&gt;());
/// }
/// </code>
/// </example>
/// <typeparam name="T">The item type (a batch).</typeparam>
public sealed class ProgressEnumerable<T> : IEnumerable<T>
{
    private readonly IEnumerable<T> _source;
    private bool _started;

    internal ProgressEnumerable(IEnumerable<T> source, ProgressBar bar)
    {
        _source = source;
        Bar = bar;
    }

    /// <summary>The bar this sequence advances.</summary>
    public ProgressBar Bar { get; }

    /// <summary>Adds a loss value to the bar's running mean (<see cref="ProgressBar.ReportLoss"/>).</summary>
    public void ReportLoss(double loss) => Bar.ReportLoss(loss);

    /// <summary>Enumerates the source once, advancing the bar after each item's loop body.</summary>
    /// <exception cref="InvalidOperationException">The sequence was already enumerated (make one per epoch).</exception>
    public IEnumerator<T> GetEnumerator()
    {
        if (_started)
            throw new InvalidOperationException($"ProgressEnumerable '{Bar.Description}' can be enumerated only once; call WithProgress again for each epoch.");
        _started = true;
        return Enumerate();
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerator<T> Enumerate()
    {
        using (Bar)
        {
            foreach (T item in _source)
            {
                // The source may yield more than it claimed (a wrong explicit total): stop counting, keep yielding.
                yield return item;
                if (Bar.Completed < Bar.Total) Bar.Advance();
            }
        }
    }
}

/// <summary>Extension methods that wrap a loop in a <see cref="ProgressBar"/>.</summary>
public static class ProgressExtensions
{
    /// <summary>Shows a progress bar over one epoch of <paramref name="loader"/>, with <c>loader.Count</c> batches.</summary>
    /// <param name="loader">The loader to enumerate.</param>
    /// <param name="description">A prefix such as <c>"Epoch 1"</c>.</param>
    /// <param name="total">The number of batches, for a loader without a length (an iterable dataset).</param>
    /// <param name="output">Where to write; the console by default (see <see cref="ProgressBar"/> for the two modes).</param>
    /// <param name="clock">The time source (for tests).</param>
    /// <exception cref="ArgumentException">The loader has no length and <paramref name="total"/> was not given.</exception>
    public static ProgressEnumerable<TBatch> WithProgress<T, TBatch>(this DataLoader<T, TBatch> loader, string? description = null,
        int? total = null, TextWriter? output = null, Func<TimeSpan>? clock = null)
    {
        ArgumentNullException.ThrowIfNull(loader);
        if (total is null)
        {
            try { total = loader.Count; }
            catch (NotSupportedException e)
            {
                throw new ArgumentException($"WithProgress: the number of batches is unknown ({e.Message}); pass total: explicitly.", nameof(total), e);
            }
        }
        return Wrap(loader, description, total.Value, output, clock);
    }

    /// <summary>Shows a progress bar over <paramref name="source"/>, whose length is <paramref name="total"/> or its
    /// collection count.</summary>
    /// <param name="source">The sequence to enumerate.</param>
    /// <param name="description">A prefix such as <c>"Epoch 1"</c>.</param>
    /// <param name="total">The number of items; required unless <paramref name="source"/> is a collection.</param>
    /// <param name="output">Where to write; the console by default.</param>
    /// <param name="clock">The time source (for tests).</param>
    /// <exception cref="ArgumentException">The length is unknown and <paramref name="total"/> was not given.</exception>
    public static ProgressEnumerable<T> WithProgress<T>(this IEnumerable<T> source, string? description = null,
        int? total = null, TextWriter? output = null, Func<TimeSpan>? clock = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        total ??= source switch
        {
            IReadOnlyCollection<T> c => c.Count,
            System.Collections.ICollection c => c.Count,
            _ => throw new ArgumentException(
                $"WithProgress: the number of items of '{source.GetType().Name}' is unknown; pass total: explicitly.", nameof(total)),
        };
        return Wrap(source, description, total.Value, output, clock);
    }

    private static ProgressEnumerable<T> Wrap<T>(IEnumerable<T> source, string? description, int total, TextWriter? output,
        Func<TimeSpan>? clock) =>
        new(source, new ProgressBar(total, description, output, clock: clock));
}
