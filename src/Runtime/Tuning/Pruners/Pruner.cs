namespace StaticNet.Tuning;

/// <summary>
/// Decides from the reported intermediate values whether a running trial should stop early (Optuna's
/// <c>BasePruner</c>); <see cref="Trial.ShouldPrune"/> asks it.
/// </summary>
public abstract class Pruner
{
    /// <summary>True to prune the trial now.</summary>
    public abstract bool Prune(Study study, FrozenTrial trial);
}

/// <summary>Never prunes (Optuna's <c>NopPruner</c>).</summary>
public sealed class NopPruner : Pruner
{
    /// <inheritdoc/>
    public override bool Prune(Study study, FrozenTrial trial) => false;
}

/// <summary>
/// Thrown by an objective to stop an unpromising trial (Optuna's <c>TrialPruned</c>): the trial is stored as
/// PRUNED with its last reported value, and the study goes on.
/// </summary>
public sealed class TrialPruned : Exception
{
    /// <summary>A pruned trial with no message (the log line reads "Trial 3 pruned. ").</summary>
    public TrialPruned() : base("") { }

    /// <summary>A pruned trial with a reason for the log.</summary>
    public TrialPruned(string message) : base(message) { }

    /// <summary>A pruned trial with a reason and its cause.</summary>
    public TrialPruned(string message, Exception innerException) : base(message, innerException) { }
}
