using StaticNet.Data;
using StaticNet.Tests.Data;
using StaticNet.Training;

namespace StaticNet.Tests.Training;

public class ProgressTests
{
    /// <summary>A clock the test moves by hand.</summary>
    private sealed class FakeClock
    {
        public TimeSpan Now;
        public void Tick(double seconds) => Now += TimeSpan.FromSeconds(seconds);
        public Func<TimeSpan> Func => () => Now;
    }

    private static string[] Lines(StringWriter w) => w.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void RedirectedOutputWritesOneLineEveryTenthWithRateEtaAndMeanLoss()
    {
        var clock = new FakeClock();
        var output = new StringWriter();
        var progress = Enumerable.Range(1, 20).WithProgress("Epoch 1", output: output, clock: clock.Func);
        foreach (int i in progress)
        {
            clock.Tick(0.5);
            progress.ReportLoss(i); // mean after n batches is (n + 1) / 2
        }
        string[] lines = Lines(output);
        Assert.Equal(10, lines.Length);
        Assert.Equal("Epoch 1: 2/20 batches (10%), 2.0 batch/s, ETA 00:09, loss 1.5", lines[0]);
        Assert.Equal("Epoch 1: 10/20 batches (50%), 2.0 batch/s, ETA 00:05, loss 5.5", lines[4]);
        Assert.Equal("Epoch 1: 20/20 batches (100%), 2.0 batch/s, 00:10 elapsed, loss 10.5", lines[9]);
        Assert.DoesNotContain('\r', output.ToString());
    }

    [Fact]
    public void RedirectedOutputAlsoWritesAfterEachLogIntervalWithoutANewTenth()
    {
        var clock = new FakeClock();
        var output = new StringWriter();
        using var bar = new ProgressBar(1000, output: output, interactive: false, clock: clock.Func);
        for (int i = 0; i < 100; i++)
        {
            clock.Tick(1);
            bar.Advance();
        }
        Assert.Equal(new[]
        {
            "30/1000 batches (3%), 1.0 batch/s, ETA 16:10",
            "60/1000 batches (6%), 1.0 batch/s, ETA 15:40",
            "90/1000 batches (9%), 1.0 batch/s, ETA 15:10",
            "100/1000 batches (10%), 1.0 batch/s, ETA 15:00",
        }, Lines(output));
    }

    [Fact]
    public void BreakingOutOfTheLoopWritesAFinalLineWithTheBatchesDone()
    {
        var clock = new FakeClock();
        var output = new StringWriter();
        foreach (int _ in Enumerable.Range(0, 40).WithProgress("valid", output: output, clock: clock.Func))
        {
            clock.Tick(2);
            break;
        }
        Assert.Equal(new[] { "valid: 0/40 batches (0%), ? batch/s, ETA ?" }, Lines(output));
    }

    [Fact]
    public void TerminalLineHasTqdmsLayoutWithEighthBlocks()
    {
        var clock = new FakeClock();
        var output = new StringWriter();
        var bar = new ProgressBar(938, "Epoch 1", output, interactive: true, clock: clock.Func, barWidth: 22);
        Assert.Equal("\rEpoch 1:   0%|                      |   0/938 [00:00<?, ? batch/s]", output.ToString());
        clock.Tick(2.36);
        bar.ReportLoss(0.5123);
        bar.Advance(404);
        // 404/938 of 22 cells = 9.47: 9 full blocks and 3/8 of the tenth; 404 / 2.36 s = 171.19/s; 534 left = 3.1 s.
        const string expected = "Epoch 1:  43%|█████████▍            | 404/938 [00:02<00:03, 171.2 batch/s, loss=0.5123]";
        Assert.Equal(expected, bar.ToString());
        Assert.EndsWith("\r" + expected, output.ToString());
    }

    [Fact]
    public void TerminalRedrawsAtMostEveryTenthOfASecondAndEndsTheLineOnClose()
    {
        var clock = new FakeClock();
        var output = new StringWriter();
        var bar = new ProgressBar(10, output: output, interactive: true, clock: clock.Func, barWidth: 10);
        clock.Tick(0.05);
        bar.Advance();
        Assert.Equal(1, output.ToString().Count(c => c == '\r')); // only the initial draw
        clock.Tick(0.05);
        bar.Advance();
        Assert.EndsWith("\r 20%|██        |  2/10 [00:00<00:00, 20.0 batch/s]", output.ToString());
        bar.Close();
        Assert.EndsWith("\r 20%|██        |  2/10 [00:00<00:00, 20.0 batch/s]" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void SlowLoopsShowSecondsPerBatchAndLongEtasShowHours()
    {
        var clock = new FakeClock();
        var bar = new ProgressBar(1000, output: TextWriter.Null, interactive: true, clock: clock.Func, barWidth: 4);
        clock.Tick(4);
        bar.Advance();
        // 0.25 batch/s; 999 left * 4 s = 3996 s = 1:06:36.
        Assert.Equal("  0%|    |    1/1000 [00:04<1:06:36, 4.00 s/batch]", bar.ToString());
    }

    [Fact]
    public void FullBarHasNoPartialCell()
    {
        var clock = new FakeClock();
        var bar = new ProgressBar(3, output: TextWriter.Null, interactive: true, clock: clock.Func, barWidth: 5);
        clock.Tick(1.5);
        bar.Advance(3);
        Assert.Equal("100%|█████| 3/3 [00:01<00:00, 2.0 batch/s]", bar.ToString());
    }

    [Fact]
    public void DataLoaderSuppliesItsBatchCountAsTheTotal()
    {
        var loader = new DataLoader<long>(new RangeDataset(10), batchSize: 4);
        var output = new StringWriter();
        var clock = new FakeClock();
        var progress = loader.WithProgress("train", output: output, clock: clock.Func);
        int batches = 0;
        foreach (var batch in progress)
        {
            batches++;
            clock.Tick(1);
        }
        Assert.Equal(3, batches);
        Assert.Equal(3, progress.Bar.Total);
        Assert.Equal("train: 3/3 batches (100%), 1.0 batch/s, 00:03 elapsed", Lines(output)[^1]);
    }

    [Fact]
    public void LoaderWithoutLengthNeedsAnExplicitTotal()
    {
        var loader = new DataLoader<long>(new MyIterableDataset(0, 6), batchSize: 2);
        var e = Assert.Throws<ArgumentException>(() => loader.WithProgress("train", output: TextWriter.Null));
        Assert.Contains("number of batches is unknown", e.Message);
        Assert.Contains("has no len()", e.Message);
        Assert.Contains("total", e.Message);
        Assert.Equal(3, loader.WithProgress("train", total: 3, output: TextWriter.Null).Count());
    }

    [Fact]
    public void SequenceWithoutCountNeedsAnExplicitTotal()
    {
        static IEnumerable<int> Stream() { yield return 1; yield return 2; }
        var e = Assert.Throws<ArgumentException>(() => Stream().WithProgress(output: TextWriter.Null));
        Assert.Contains("WithProgress: the number of items", e.Message);
        Assert.Equal(2, Stream().WithProgress(total: 2, output: TextWriter.Null).Count());
    }

    [Fact]
    public void ASecondEnumerationAndAdvancingPastTheTotalThrow()
    {
        var progress = new[] { 1, 2 }.WithProgress("e", output: TextWriter.Null);
        Assert.Equal(2, progress.Count());
        var e = Assert.Throws<InvalidOperationException>(() => progress.Count());
        Assert.Contains("enumerated only once", e.Message);
        var bar = new ProgressBar(2, output: TextWriter.Null, interactive: false);
        Assert.Throws<InvalidOperationException>(() => bar.Advance(3));
    }
}
