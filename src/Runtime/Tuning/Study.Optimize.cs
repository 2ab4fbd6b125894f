using System.Diagnostics;

namespace StaticNet.Tuning;

public sealed partial class Study
{
    /// <summary>
    /// Runs trials of <paramref name="objective"/> (<c>study.optimize</c>) until <paramref name="nTrials"/> have run,
    /// <paramref name="timeout"/> has passed, or <see cref="Stop"/> is called; with neither limit it runs until stopped.
    /// An objective that throws <see cref="TrialPruned"/> gives a PRUNED trial; one that throws anything else, or
    /// returns NaN, gives a FAIL trial with a warning and the study goes on (Optuna's <c>catch</c>, here catching
    /// every exception unless <paramref name="catch"/> says otherwise: return false to rethrow it).
    /// </summary>
    public void Optimize(Func<Trial, double> objective, int? nTrials = null, TimeSpan? timeout = null,
        Func<Exception, bool>? @catch = null, IReadOnlyList<Action<Study, FrozenTrial>>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (nTrials < 0) throw new ArgumentOutOfRangeException(nameof(nTrials), nTrials, "The number of trials cannot be negative.");
        _stopRequested = false;
        var clock = Stopwatch.StartNew();
        for (int i = 0; (nTrials is null || i < nTrials) && !_stopRequested; i++)
        {
            if (timeout is { } limit && clock.Elapsed >= limit) break;
            var trial = Ask();
            double? value = null;
            Exception? error = null;
            try { value = objective(trial); }
            catch (Exception e) { error = e; }
            Finish(trial, value, error, @catch, callbacks);
        }
    }

    /// <summary>
    /// The asynchronous <see cref="Optimize"/>: <paramref name="nJobs"/> trials run at once (Optuna's <c>n_jobs</c>),
    /// each numbered atomically by the storage, until <paramref name="nTrials"/> have started, the timeout passes,
    /// <see cref="Stop"/> is called or <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task OptimizeAsync(Func<Trial, Task<double>> objective, int? nTrials = null, TimeSpan? timeout = null,
        int nJobs = 1, Func<Exception, bool>? @catch = null, IReadOnlyList<Action<Study, FrozenTrial>>? callbacks = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (nJobs < 1) throw new ArgumentOutOfRangeException(nameof(nJobs), nJobs, "nJobs must be at least 1.");
        _stopRequested = false;
        var clock = Stopwatch.StartNew();
        int started = 0;
        bool TakeOne()
        {
            if (_stopRequested || cancellationToken.IsCancellationRequested) return false;
            if (timeout is { } limit && clock.Elapsed >= limit) return false;
            return nTrials is null || Interlocked.Increment(ref started) <= nTrials;
        }
        async Task Worker()
        {
            while (TakeOne())
            {
                var trial = await Task.Run(Ask, cancellationToken).ConfigureAwait(false);
                double? value = null;
                Exception? error = null;
                try { value = await objective(trial).ConfigureAwait(false); }
                catch (Exception e) { error = e; }
                Finish(trial, value, error, @catch, callbacks);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, nJobs).Select(_ => Task.Run(Worker, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Starts a trial by hand (<c>study.ask</c>); finish it with <see cref="Tell"/>.</summary>
    public Trial Ask()
    {
        var frozen = Storage.CreateNewTrial(StudyId);
        Sampler.BeforeTrial(this, frozen);
        return new Trial(this, Storage.GetTrial(frozen.TrialId));
    }

    /// <summary>
    /// Finishes a trial started with <see cref="Ask"/> (<c>study.tell</c>): a value completes it; state Pruned stores
    /// the last reported value; state Fail, or a NaN value, fails it.
    /// </summary>
    public FrozenTrial Tell(Trial trial, double? value = null, TrialState? state = null)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var (frozen, _) = Record(trial, value, state);
        return frozen;
    }

    private void Finish(Trial trial, double? value, Exception? error, Func<Exception, bool>? @catch, IReadOnlyList<Action<Study, FrozenTrial>>? callbacks)
    {
        TrialState? state = error switch { null => null, TrialPruned => TrialState.Pruned, _ => TrialState.Fail };
        var (frozen, warning) = Record(trial, state == TrialState.Fail ? null : value, state);
        switch (frozen.State)
        {
            case TrialState.Complete:
                LogCompleted(frozen);
                break;
            case TrialState.Pruned:
                TuningLog.Info($"Trial {frozen.Number} pruned. {error?.Message}");
                break;
            default:
                string because = error is not null ? $"{error.GetType().Name}({PyRepr.Value(error.Message)})" : warning!;
                TuningLog.Warning($"Trial {frozen.Number} failed with parameters: {PyRepr.Dict(frozen.Params)} because of the following error: {because}."
                    + (error is not null ? Environment.NewLine + error : ""));
                TuningLog.Warning($"Trial {frozen.Number} failed with value {(value is { } v ? PyRepr.Float(v) : "None")}.");
                break;
        }
        foreach (var callback in callbacks ?? []) callback(this, frozen);
        if (error is not null and not TrialPruned && @catch is not null && !@catch(error))
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
    }

    /// <summary>Optuna's <c>_tell_with_warning</c>: settles state and value, lets the sampler see them, stores them.</summary>
    private (FrozenTrial Trial, string? Warning) Record(Trial trial, double? value, TrialState? state)
    {
        var frozen = Storage.GetTrial(trial.TrialId);
        if (frozen.State != TrialState.Running) throw new InvalidOperationException($"Cannot tell a {frozen.State.Name()} trial (trial {frozen.Number}).");
        string? warning = null;
        switch (state)
        {
            case TrialState.Complete when value is not { } v || double.IsNaN(v):
                throw new ArgumentException($"The value {(value is { } x ? PyRepr.Float(x) : "None")} is not acceptable for a COMPLETE trial.", nameof(value));
            case TrialState.Pruned:
                value = frozen.LastStep is { } last && !double.IsNaN(frozen.IntermediateValues[last]) ? frozen.IntermediateValues[last] : null;
                break;
            case TrialState.Fail:
                value = null;
                break;
            case null:
                if (value is { } w && !double.IsNaN(w)) state = TrialState.Complete;
                else
                {
                    warning = value is null ? "The value None could not be cast to float." : "The value nan is not acceptable.";
                    state = TrialState.Fail;
                    value = null;
                }
                break;
        }
        try { Sampler.AfterTrial(this, frozen, state!.Value, value); }
        finally { Storage.SetTrialStateValue(frozen.TrialId, state!.Value, value); }
        return (Storage.GetTrial(frozen.TrialId), warning);
    }

    private void LogCompleted(FrozenTrial trial)
    {
        if (!TuningLog.IsEnabled(TuningLogLevel.Info)) return;
        var best = BestTrial;
        TuningLog.Info($"Trial {trial.Number} finished with value: {PyRepr.Float(trial.Value!.Value)} and parameters: {PyRepr.Dict(trial.Params)}. " +
                       $"Best is trial {best.Number} with value: {PyRepr.Float(best.Value!.Value)}.");
    }
}
