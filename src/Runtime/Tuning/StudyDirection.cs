namespace StaticNet.Tuning;

/// <summary>Whether a study looks for the smallest or the largest objective value (Optuna's <c>StudyDirection</c>).</summary>
public enum StudyDirection
{
    /// <summary>Not set (only old databases hold it).</summary>
    NotSet = 0,
    /// <summary>Smaller values are better (the default, as in Optuna).</summary>
    Minimize = 1,
    /// <summary>Larger values are better.</summary>
    Maximize = 2,
}
