using System.Diagnostics;
using Xunit.Abstractions;

namespace StaticNet.Tests.IO;

/// <summary>
/// Torch.Save is atomic under a crash: a child process (tests/StaticNet.SaveCrashChild) saves two versions of a
/// 1 MB state dict over one file in a loop and is SIGKILLed 100 times (.pth; 50 for .safetensors) at random moments; after every kill the file
/// must load and hold one whole version, never a mix or a torn file. (Process.Kill is SIGKILL on Unix.)
/// </summary>
public class SaveCrashSafetyTests(ITestOutputHelper output)
{
    private const long Elements = 1 << 18;

    [Theory]
    [InlineData(".pth", 100)]
    [InlineData(".safetensors", 50)] // the same atomic-rename path: fewer kills keep the pair under ~25 s
    public void AFileKilledMidSaveIsTheOldOrTheNewCompleteVersion(string extension, int kills)
    {
        string child = Path.Combine(AppContext.BaseDirectory, "StaticNet.SaveCrashChild.dll");
        using var dir = new TempFolder();
        string path = dir.File("model" + extension);
        var random = new Random(18);
        var seen = new int[3];
        var clock = Stopwatch.StartNew();
        for (int kill = 0; kill < kills; kill++)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { child, path, Elements.ToString(System.Globalization.CultureInfo.InvariantCulture) }) info.ArgumentList.Add(a);
            using var p = Process.Start(info)!;
            Assert.Equal("ready", p.StandardOutput.ReadLine());
            Thread.Sleep(random.Next(0, 40));
            p.Kill();
            p.WaitForExit();
            var sd = Torch.Load(path);
            long version = sd["version"].Item<long>();
            Assert.InRange(version, 1, 2);
            Assert.Equal(Elements, sd["weight"].Numel);
            Assert.True(sd["weight"].Eq(Torch.Full([Elements], (double)version)).All().Item<bool>(), $"kill {kill}: a torn version {version}");
            seen[version]++;
            // The killed save's temporary file is left beside the target (a kill runs no cleanup); the next save must not mind.
        }
        int leftovers = Directory.GetFiles(dir.Path).Length - 1;
        output.WriteLine($"{extension}: {kills} SIGKILLs in {clock.Elapsed.TotalSeconds:F1} s: {kills} of {kills} files loadable and whole " +
            $"(version 1: {seen[1]}, version 2: {seen[2]}), {leftovers} temporary files left by killed saves");
        Assert.True(seen[1] > 0 && seen[2] > 0, "the kills should land on both versions");
    }
}
