using StaticNet.Generators.Tests.Models;

namespace StaticNet.Generators.Tests;

/// <summary>
/// Post-accumulate-grad hooks on a declared model whose fused backward writes parameter gradients straight into
/// <c>Grad</c>: each hook runs once, when that parameter's gradient is final, in the order the generated backward finishes
/// the layers (last layer first) — while the earlier layers' gradients are not computed yet, which is what lets
/// data-parallel training start reducing early.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class PostAccumulateGradHookTests
{
    [Fact]
    public void FusedBackwardRunsEachHookOnceWithTheFinalGradientLastLayerFirst()
    {
        Torch.ManualSeed(0);
        var model = new LeNet5();
        var named = model.NamedParameters().ToList();
        var conv1 = named.Single(p => p.Name == "conv1.weight").Param;
        var order = new List<string>();
        var atHook = new Dictionary<string, float[]>();
        var earlierPending = new Dictionary<string, bool>();
        foreach (var (name, p) in named)
            p.RegisterPostAccumulateGradHook(t =>
            {
                order.Add(name);
                atHook[name] = t.Grad!.ToArray<float>();
                earlierPending[name] = conv1.Grad is null;
            });
        for (int step = 0; step < 2; step++)
        {
            order.Clear();
            model.ZeroGrad();
            Torch.ManualSeed((ulong)(10 + step));
            var y = model.Forward(Torch.Rand(3, 1, 32, 32));
            Assert.Equal("LeNet5Backward0", y.GradFn!.Name);
            y.Pow(2).Sum().Backward();

            // Weight then bias of fc3, fc2, fc1, conv2, conv1: the generated backward's order.
            string[] expected = ["fc3.weight", "fc3.bias", "fc2.weight", "fc2.bias", "fc1.weight", "fc1.bias",
                "conv2.weight", "conv2.bias", "conv1.weight", "conv1.bias"];
            Assert.Equal(expected.OrderBy(n => n), order.OrderBy(n => n));
            Assert.True(order.IndexOf("fc3.weight") < order.IndexOf("fc1.weight"), string.Join(", ", order));
            Assert.True(order.IndexOf("fc1.weight") < order.IndexOf("conv1.weight"), string.Join(", ", order));
            Assert.True(earlierPending["fc3.weight"], "fc3's hook ran before conv1's gradient existed");
            foreach (var (name, p) in named) Assert.Equal(p.Grad!.ToArray<float>(), atHook[name]);
        }
    }
}
