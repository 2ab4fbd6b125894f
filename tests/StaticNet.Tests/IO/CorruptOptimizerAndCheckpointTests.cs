using StaticNet.NN;
using StaticNet.Optim;

namespace StaticNet.Tests.IO;

/// <summary>
/// Truncated and byte-flipped optimizer states and checkpoints, in both formats: <c>Torch.LoadOptimizerState</c> and
/// <c>Torch.LoadCheckpoint</c> load them or throw InvalidDataException naming the file, never the zip reader's or
/// System.Text.Json's own exceptions (which name no file) or an OverflowException.
/// </summary>
public class CorruptOptimizerAndCheckpointTests
{
    private static byte[] Saved(TempFolder dir, string kind, string extension)
    {
        var model = new Linear(3, 2);
        var opt = new Adam(model.Parameters(), lr: 0.01, amsgrad: true);
        F.MseLoss(model.Forward(Torch.Ones(2, 3)), Torch.Zeros(2, 2)).Backward();
        opt.Step();
        var path = dir.File("good" + extension);
        if (kind == "optimizer") Torch.Save(opt.StateDict(), path);
        else Torch.Save(new Checkpoint(model.StateDict(), opt.StateDict(), Epoch: 7, Loss: 0.5), path);
        return File.ReadAllBytes(path);
    }

    private static Exception? Load(string kind, string path) => Record.Exception(() =>
    {
        if (kind == "optimizer") _ = Torch.LoadOptimizerState(path);
        else _ = Torch.LoadCheckpoint(path);
    });

    [Theory]
    [InlineData("optimizer", ".pth")]
    [InlineData("optimizer", ".safetensors")]
    [InlineData("checkpoint", ".pth")]
    [InlineData("checkpoint", ".safetensors")]
    public void EveryTruncationFailsWithInvalidDataNamingTheFile(string kind, string extension)
    {
        using var dir = new TempFolder();
        var bytes = Saved(dir, kind, extension);
        var path = dir.File("cut" + extension);
        // Every cut in the first 200 bytes (headers, JSON) and the last 300 (zip directory), every 13th elsewhere.
        foreach (int length in Enumerable.Range(0, bytes.Length).Where(n => n < 200 || n > bytes.Length - 300 || n % 13 == 0))
        {
            File.WriteAllBytes(path, bytes[..length]);
            var e = Load(kind, path);
            Assert.True(e is InvalidDataException, $"{kind}{extension} cut at {length}: {e?.GetType().Name}: {e?.Message}");
            Assert.Contains(path, e!.Message);
        }
    }

    [Theory]
    [InlineData("optimizer", ".pth")]
    [InlineData("optimizer", ".safetensors")]
    [InlineData("checkpoint", ".pth")]
    [InlineData("checkpoint", ".safetensors")]
    public void EveryFlippedByteLoadsOrFailsWithInvalidDataNamingTheFile(string kind, string extension)
    {
        using var dir = new TempFolder();
        var bytes = Saved(dir, kind, extension);
        var path = dir.File("flip" + extension);
        int failures = 0;
        foreach (int i in Enumerable.Range(0, bytes.Length).Where(n => n < 400 || n % 3 == 0))
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0x5a;
            File.WriteAllBytes(path, copy);
            var e = Load(kind, path);
            Assert.True(e is null or InvalidDataException, $"{kind}{extension} byte {i}: {e?.GetType().Name}: {e?.Message}");
            if (e is null) continue;
            Assert.Contains(path, e.Message);
            failures++;
        }
        Assert.True(failures > 0, "no flipped byte was detected: the test does not reach the parser");
    }
}
