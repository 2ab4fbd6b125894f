using StaticNet.NN;

namespace StaticNet.Tests.NN;

/// <summary><c>LoadStateDict</c>'s result is PyTorch's <c>_IncompatibleKeys</c>: it prints as torch 1.13 and still deconstructs.</summary>
public class IncompatibleKeysTests
{
    [Fact]
    public void AStrictLoadPrintsAllKeysMatched()
    {
        var source = new Linear(3, 2);
        var target = new Linear(3, 2);
        var result = target.LoadStateDict(source.StateDict());
        Assert.Equal("<All keys matched successfully>", result.ToString());
        Assert.True(result.AllMatched);
        Assert.Empty(result.MissingKeys);
        Assert.Empty(result.UnexpectedKeys);
    }

    [Fact]
    public void ANonStrictLoadPrintsTheKeysAsPythonLists()
    {
        var model = new Linear(3, 2);
        var sd = new StateDict { { "weight", Torch.Zeros(2, 3) }, { "extra.w", Torch.Zeros(1) }, { "it's", Torch.Zeros(1) } };
        var result = model.LoadStateDict(sd, strict: false);
        // Python's repr quotes a key that holds ' with double quotes.
        Assert.Equal("_IncompatibleKeys(missing_keys=['bias'], unexpected_keys=['extra.w', \"it's\"])", result.ToString());
        Assert.False(result.AllMatched);
        var (missing, unexpected) = result;
        Assert.Equal(["bias"], missing);
        Assert.Equal(["extra.w", "it's"], unexpected);
        Assert.Equal("_IncompatibleKeys(missing_keys=['weight', 'bias'], unexpected_keys=[])", model.LoadStateDict(new StateDict(), strict: false).ToString());
    }

    [PyTorchFact]
    public void PrintsExactlyAsPyTorch113()
    {
        const string script = """
            import torch
            torch.manual_seed(0)
            m = torch.nn.Linear(3, 2)
            print(m.load_state_dict(torch.nn.Linear(3, 2).state_dict()))
            print(m.load_state_dict({'weight': torch.zeros(2, 3), 'extra.w': torch.zeros(1), "it's": torch.zeros(1)}, strict=False))
            print(m.load_state_dict({}, strict=False))
            print(m.load_state_dict({'weight': torch.zeros(2, 3), 'bias': torch.zeros(2), 'x': torch.zeros(1)}, strict=False))
            """;
        var m = new Linear(3, 2);
        var lines = new[]
        {
            m.LoadStateDict(new Linear(3, 2).StateDict()),
            m.LoadStateDict(new StateDict { { "weight", Torch.Zeros(2, 3) }, { "extra.w", Torch.Zeros(1) }, { "it's", Torch.Zeros(1) } }, strict: false),
            m.LoadStateDict(new StateDict(), strict: false),
            m.LoadStateDict(new StateDict { { "weight", Torch.Zeros(2, 3) }, { "bias", Torch.Zeros(2) }, { "x", Torch.Zeros(1) } }, strict: false),
        };
        Assert.Equal(PyTorchScript.Run(script).Replace("\r\n", "\n"), string.Concat(lines.Select(r => r + "\n")));
    }
}
