using System.Diagnostics;
using System.Globalization;

namespace StaticNet.Bench;

/// <summary>
/// Timing and the kit's line format (peers/pytorch/bench.py): each call or step timed as a whole with
/// Stopwatch.GetTimestamp, median over the timed reps, p10/p90 at index ⌊0.1·(reps−1)⌋ / ⌊0.9·(reps−1)⌋.
/// </summary>
internal static class Report
{
    public const string Peer = "staticnet";

    /// <summary>True during the untimed --jit-warmup pass: result lines are dropped.</summary>
    public static bool Silent { get; set; }

    /// <summary>Runs <paramref name="warmup"/> untimed calls, then up to <paramref name="reps"/> timed ones (ms each);
    /// with a budget, stops once 3 reps are done and the timed reps took longer than it (bench.py's W1 rule).</summary>
    public static List<double> TimeSteps(Action step, int warmup, int reps, double? budgetSeconds = null)
    {
        for (int i = 0; i < warmup; i++) step();
        var times = new List<double>(reps);
        var gcBefore = GcCounts.Now();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < reps; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            step();
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            if (budgetSeconds is { } budget && i >= 2 && Stopwatch.GetElapsedTime(start).TotalSeconds > budget) break;
        }
        _lastGc = GcCounts.Now() - gcBefore;
        return times;
    }

    private static GcCounts _lastGc;

    /// <summary>The median as Python's statistics.median: the mean of the two middle values for an even count.</summary>
    public static double Median(List<double> times)
    {
        var s = Sorted(times);
        int n = s.Length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /// <summary>bench.py's fmt: 4 decimals below 10, else 3.</summary>
    public static string Fmt(double v) => v.ToString(v < 10 ? "F4" : "F3", CultureInfo.InvariantCulture);

    /// <summary>A fixed-decimals number with a decimal point whatever the culture.</summary>
    public static string F(double v, int decimals) => v.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>Prints a W2-W5 line: peer, variant, workload, the given fields, then median/p10/p90/min and reps.</summary>
    public static void Emit(string variant, string workload, List<double> times, string fields)
    {
        var s = Sorted(times);
        double p10 = s[(int)(0.1 * (s.Length - 1))], p90 = s[(int)(0.9 * (s.Length - 1))];
        Line($"peer={Peer} variant={variant} workload={workload} {fields} median_ms={Fmt(Median(times))} " +
             $"p10_ms={Fmt(p10)} p90_ms={Fmt(p90)} min_ms={Fmt(s[0])} reps={s.Length}");
        // A comment line (the kit skips '#'): what the timed reps allocated and how many collections they caused.
        Line($"# {workload} {fields} gc: {_lastGc.Describe(s.Length)}");
    }

    /// <summary>One line on stdout, flushed at once so the kit's pipes see it immediately.</summary>
    public static void Line(string text)
    {
        if (Silent) return;
        Console.Out.WriteLine(text);
        Console.Out.Flush();
    }

    private static double[] Sorted(List<double> times)
    {
        var s = times.ToArray();
        Array.Sort(s);
        return s;
    }
}
