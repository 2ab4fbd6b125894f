using Microsoft.Data.Analysis;

namespace StaticNet.Tuning.Visualization;

/// <summary>A <see cref="TrialsTable"/> as a Microsoft.Data.Analysis <see cref="DataFrame"/>, the pandas frame of Optuna's <c>trials_dataframe()</c>.</summary>
public static class TrialsDataFrame
{
    /// <summary>
    /// One column per table column, typed as pandas types them: number Int32, value and float parameters Double,
    /// integer parameters Int64, datetimes DateTime, duration TimeSpan, everything else (categories, state,
    /// attributes) String; missing values are nulls.
    /// </summary>
    public static DataFrame ToDataFrame(this TrialsTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = new List<DataFrameColumn>(table.Columns.Count);
        for (int c = 0; c < table.Columns.Count; c++)
        {
            string name = table.Columns[c];
            var cells = table.Rows.Select(r => r[c]).ToList();
            var present = cells.Where(v => v is not null).ToList();
            columns.Add(present switch
            {
                _ when name == "number" => new Int32DataFrameColumn(name, cells.Select(v => (int?)v)),
                _ when present.Count > 0 && present.All(v => v is double) => new DoubleDataFrameColumn(name, cells.Select(v => (double?)v)),
                _ when name == "value" => new DoubleDataFrameColumn(name, cells.Select(v => (double?)v)),
                _ when present.Count > 0 && present.All(v => v is long) => new Int64DataFrameColumn(name, cells.Select(v => (long?)v)),
                _ when present.Count > 0 && present.All(v => v is DateTime) || name.StartsWith("datetime_", StringComparison.Ordinal) =>
                    new PrimitiveDataFrameColumn<DateTime>(name, cells.Select(v => (DateTime?)v)),
                _ when present.Count > 0 && present.All(v => v is TimeSpan) || name == "duration" =>
                    new PrimitiveDataFrameColumn<TimeSpan>(name, cells.Select(v => (TimeSpan?)v)),
                _ => new StringDataFrameColumn(name, cells.Select(v => v is null ? null : TrialsTable.FormatCell(v))),
            });
        }
        return new DataFrame(columns);
    }

}
