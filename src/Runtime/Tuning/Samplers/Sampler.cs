namespace StaticNet.Tuning;

/// <summary>
/// Chooses parameter values (Optuna's <c>BaseSampler</c>, independent sampling): each suggestion is drawn on its own
/// from the study's finished trials. Values cross this boundary in the internal representation of their
/// <see cref="Distribution"/> (the number, or the index of a categorical choice).
/// </summary>
public abstract class Sampler
{
    /// <summary>Called once when a trial starts, before any suggestion (GridSampler picks its grid point here).</summary>
    public virtual void BeforeTrial(Study study, FrozenTrial trial) { }

    /// <summary>A value for one parameter of a running trial, in the distribution's internal representation.</summary>
    public abstract double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution);

    /// <summary>Called when a trial finishes, before its state is stored.</summary>
    public virtual void AfterTrial(Study study, FrozenTrial trial, TrialState state, double? value) { }
}
