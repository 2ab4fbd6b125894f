namespace StaticNet.Tuning;

/// <summary>Where a trial stands (Optuna's <c>TrialState</c>, with its numbering).</summary>
public enum TrialState
{
    /// <summary>The objective is running.</summary>
    Running = 0,
    /// <summary>The objective returned a value.</summary>
    Complete = 1,
    /// <summary>The objective stopped early by throwing <see cref="TrialPruned"/>.</summary>
    Pruned = 2,
    /// <summary>The objective threw, or returned NaN.</summary>
    Fail = 3,
    /// <summary>Queued, not yet started.</summary>
    Waiting = 4,
}

/// <summary>The names Optuna stores for states and directions (<c>COMPLETE</c>, <c>MAXIMIZE</c>).</summary>
internal static class TuningNames
{
    public static string Name(this TrialState state) => state switch
    {
        TrialState.Running => "RUNNING",
        TrialState.Complete => "COMPLETE",
        TrialState.Pruned => "PRUNED",
        TrialState.Fail => "FAIL",
        _ => "WAITING",
    };

    public static TrialState ParseState(string name, string where) => name switch
    {
        "RUNNING" => TrialState.Running,
        "COMPLETE" => TrialState.Complete,
        "PRUNED" => TrialState.Pruned,
        "FAIL" => TrialState.Fail,
        "WAITING" => TrialState.Waiting,
        _ => throw new FormatException($"{where}: unknown trial state '{name}'"),
    };

    public static string Name(this StudyDirection direction) => direction switch
    {
        StudyDirection.Minimize => "MINIMIZE",
        StudyDirection.Maximize => "MAXIMIZE",
        _ => "NOT_SET",
    };

    public static StudyDirection ParseDirection(string name, string where) => name switch
    {
        "MINIMIZE" => StudyDirection.Minimize,
        "MAXIMIZE" => StudyDirection.Maximize,
        "NOT_SET" => StudyDirection.NotSet,
        _ => throw new FormatException($"{where}: unknown study direction '{name}'"),
    };

    public static bool IsFinished(this TrialState state) => state is TrialState.Complete or TrialState.Pruned or TrialState.Fail;
}
