using System.Diagnostics;

namespace StaticNet.Tests.Fuzz;

/// <summary>What a fuzz run found: inputs run, how many loaded or were rejected as they should be, and the findings.</summary>
internal sealed record FuzzReport(string Target, int Seed, long Inputs, long Loaded, long Rejected, IReadOnlyList<FuzzFinding> Findings, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"{Target}: {Inputs} inputs (seed {Seed}) in {Elapsed.TotalSeconds:F1} s: {Loaded} loaded, {Rejected} rejected with a clear error, " +
        $"{Findings.Sum(f => f.Count)} failures in {Findings.Count} distinct kinds" +
        string.Concat(Findings.Select(f => $"\n  {f.Count} × {f.Signature}\n    first: {f.SavedInput}\n    {f.Message}"));
}

/// <summary>One kind of failure (exception type and where it was thrown), how often, and the first input that showed it.</summary>
internal sealed record FuzzFinding(string Signature, long Count, string SavedInput, string Message);

/// <summary>
/// Feeds mutated corpus files to a parser and checks the contract: every input either loads or throws an
/// <see cref="InvalidDataException"/>/<see cref="Vision.DataFormatException"/> whose message names the file;
/// never another exception type, never a hang, never an allocation the input's size cannot justify.
/// </summary>
internal static class FuzzRunner
{
    private static readonly TimeSpan s_hangLimit = TimeSpan.FromSeconds(20);

    public static FuzzReport Run(FuzzTarget target, int seed, long inputs, string workDir, string findingsDir, bool stopAtFirst)
    {
        Directory.CreateDirectory(workDir);
        string path = Path.Combine(workDir, target.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var mutator = new Mutator(seed);
        var corpus = target.Corpus.Select(c => c.Bytes).ToArray();
        var pick = new Random(seed ^ 0x5EED);
        var findings = new Dictionary<string, (long Count, string Saved, string Message)>();
        long loaded = 0, rejected = 0, done = 0;
        long inputStarted = 0; // Stopwatch ticks when the current input began; 0 between inputs
        byte[] current = [];
        var clock = Stopwatch.StartNew();

        void Record(string signature, string message)
        {
            if (findings.TryGetValue(signature, out var f)) { findings[signature] = (f.Count + 1, f.Saved, f.Message); return; }
            Directory.CreateDirectory(findingsDir);
            string saved = Path.Combine(findingsDir, $"{target.Name}-seed{seed}-input{done}{Path.GetExtension(target.RelativePath)}");
            File.WriteAllBytes(saved, current);
            findings[signature] = (1, saved, message);
        }

        var loop = new Thread(() =>
        {
            for (; done < inputs; done++)
            {
                int i = pick.Next(corpus.Length);
                current = done < corpus.Length ? corpus[done] : mutator.Mutate(corpus[i], corpus);
                string kind = target.Corpus[done < corpus.Length ? (int)done : i].Kind;
                File.WriteAllBytes(path, current);
                long before = GC.GetAllocatedBytesForCurrentThread();
                Volatile.Write(ref inputStarted, Stopwatch.GetTimestamp());
                try
                {
                    target.Parse(workDir, path, kind);
                    loaded++;
                    if (done < corpus.Length) { /* a valid corpus file must load */ }
                }
                catch (Exception e) when (e is InvalidDataException or StaticNet.Vision.DataFormatException)
                {
                    if (!e.Message.Contains(Path.GetFileName(path), StringComparison.Ordinal))
                        Record($"{e.GetType().Name} that does not name the file, at {Where(e)}", e.Message);
                    else if (done < corpus.Length) Record($"valid corpus file {done} rejected", e.Message);
                    else rejected++;
                }
                catch (Exception e)
                {
                    Record($"{e.GetType().Name} at {Where(e)}", e.Message);
                }
                Volatile.Write(ref inputStarted, 0);
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (allocated > target.AllocationLimit(current.Length))
                    Record("allocation beyond the input's size", $"{allocated} bytes allocated for a {current.Length}-byte input");
                if (stopAtFirst && findings.Count > 0) break;
            }
        }, maxStackSize: 16 << 20) { IsBackground = true, Name = $"fuzz {target.Name}" };
        loop.Start();
        while (!loop.Join(100))
        {
            long started = Volatile.Read(ref inputStarted);
            if (started != 0 && Stopwatch.GetElapsedTime(started) > s_hangLimit)
            {
                Directory.CreateDirectory(findingsDir);
                string saved = Path.Combine(findingsDir, $"{target.Name}-seed{seed}-hang{Path.GetExtension(target.RelativePath)}");
                File.WriteAllBytes(saved, current);
                return new(target.Name, seed, done, loaded, rejected, [new("hang", 1, saved, $"input {done} ran over {s_hangLimit.TotalSeconds} s")], clock.Elapsed);
            }
        }
        return new(target.Name, seed, done, loaded, rejected,
            [.. findings.Select(f => new FuzzFinding(f.Key, f.Value.Count, f.Value.Saved, f.Value.Message))], clock.Elapsed);
    }

    // The first frame in StaticNet or a parsing library: what tells two findings apart.
    private static string Where(Exception e)
    {
        var frames = new StackTrace(e, fNeedFileInfo: false).GetFrames();
        var frame = frames.FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("StaticNet", StringComparison.Ordinal) == true
            && f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("StaticNet.Tests", StringComparison.Ordinal) != true) ?? frames.FirstOrDefault();
        var m = frame?.GetMethod();
        return m is null ? "?" : $"{m.DeclaringType?.Name}.{m.Name}";
    }
}
