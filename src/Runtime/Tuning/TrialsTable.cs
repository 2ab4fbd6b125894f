using System.Globalization;
using System.Text;

namespace StaticNet.Tuning;

/// <summary>
/// A study's trials as a table, the counterpart of Optuna's <c>trials_dataframe()</c>: one row per trial, the
/// columns number, value, datetime_start, datetime_complete, duration, params_* , user_attrs_*, system_attrs_*
/// (each group sorted by name, present when a trial has one) and state. Print it, save it as CSV, or turn it into
/// a Microsoft.Data.Analysis DataFrame with StaticNet.Tuning.Visualization's <c>ToDataFrame()</c>.
/// </summary>
public sealed class TrialsTable
{
    private TrialsTable(IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    /// <summary>The column names in Optuna's order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// One row per trial: <see cref="int"/> number, <see cref="double"/> value (null without one),
    /// <see cref="DateTime"/> start and end, <see cref="TimeSpan"/> duration, parameter and attribute values as the
    /// trials hold them (null where a trial lacks one), and the state's name (<c>COMPLETE</c>).
    /// </summary>
    public IReadOnlyList<object?[]> Rows { get; }

    /// <summary>The values of one column, top to bottom.</summary>
    public IReadOnlyList<object?> Column(string name)
    {
        int index = Columns.ToList().IndexOf(name);
        if (index < 0) throw new KeyNotFoundException($"No column '{name}'; the columns are {string.Join(", ", Columns)}.");
        return [.. Rows.Select(r => r[index])];
    }

    internal static TrialsTable From(Study study)
    {
        var trials = study.Trials;
        var paramNames = new SortedSet<string>(StringComparer.Ordinal);
        var userNames = new SortedSet<string>(StringComparer.Ordinal);
        var systemNames = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var t in trials)
        {
            paramNames.UnionWith(t.ParamRecords.Keys);
            userNames.UnionWith(t.UserAttrJson.Keys);
            systemNames.UnionWith(t.SystemAttrJson.Keys);
        }
        var columns = new List<string> { "number", "value", "datetime_start", "datetime_complete", "duration" };
        columns.AddRange(paramNames.Select(n => "params_" + n));
        columns.AddRange(userNames.Select(n => "user_attrs_" + n));
        columns.AddRange(systemNames.Select(n => "system_attrs_" + n));
        columns.Add("state");
        var rows = new List<object?[]>(trials.Count);
        foreach (var t in trials)
        {
            var row = new List<object?> { t.Number, t.Value, t.DatetimeStart, t.DatetimeComplete, t.Duration };
            var ps = t.Params;
            var us = t.UserAttrs;
            var ss = t.SystemAttrs;
            row.AddRange(paramNames.Select(n => ps.GetValueOrDefault(n)));
            row.AddRange(userNames.Select(n => us.GetValueOrDefault(n)));
            row.AddRange(systemNames.Select(n => ss.GetValueOrDefault(n)));
            row.Add(t.State.Name());
            rows.Add([.. row]);
        }
        return new TrialsTable(columns, rows);
    }

    /// <summary>A cell's text as pandas writes it to CSV: datetimes with microseconds, durations as <c>0 days 00:00:01.250000</c>, values as Python's repr (strings bare).</summary>
    public static string FormatCell(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        TimeSpan s => $"{s.Days} days {s.Hours:00}:{s.Minutes:00}:{s.Seconds:00}.{s.Ticks % TimeSpan.TicksPerSecond / 10:000000}",
        double d => double.IsNaN(d) ? "NaN" : PyRepr.Float(d),
        string s => s,
        bool b => b ? "True" : "False",
        _ => PyRepr.Value(value),
    };

    /// <summary>The table as pandas' <c>to_csv()</c> writes it: an unnamed index column, then the columns.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.Append(',').AppendJoin(',', Columns.Select(Quote)).Append('\n');
        for (int i = 0; i < Rows.Count; i++)
            sb.Append(i.ToString(CultureInfo.InvariantCulture)).Append(',').AppendJoin(',', Rows[i].Select(v => Quote(FormatCell(v)))).Append('\n');
        return sb.ToString();
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>Writes <see cref="ToCsv"/> to a file, atomically (a temporary file renamed over the target).</summary>
    public void SaveCsv(string path)
    {
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(temp, ToCsv(), new UTF8Encoding(false));
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>The table as pandas prints a DataFrame: an index column, right-aligned columns, NaN for missing numbers.</summary>
    public override string ToString()
    {
        var cells = new List<string[]>();
        cells.Add(["", .. Columns]);
        for (int i = 0; i < Rows.Count; i++)
            cells.Add([i.ToString(CultureInfo.InvariantCulture), .. Rows[i].Select((v, c) => v is null ? (IsNumericColumn(c) ? "NaN" : "None") : Pretty(v))]);
        var widths = new int[Columns.Count + 1];
        foreach (var row in cells)
            for (int c = 0; c < row.Length; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        var sb = new StringBuilder();
        foreach (var row in cells)
        {
            for (int c = 0; c < row.Length; c++)
            {
                if (c > 0) sb.Append("  ");
                sb.Append(row[c].PadLeft(widths[c]));
            }
            sb.Append('\n');
        }
        return sb.ToString().TrimEnd('\n');
    }

    private bool IsNumericColumn(int c) => Rows.Any(r => r[c] is double or long or int);

    private static string Pretty(object value) => value switch
    {
        double d => double.IsNaN(d) ? "NaN" : d.ToString("0.000000", CultureInfo.InvariantCulture),
        _ => FormatCell(value),
    };
}
