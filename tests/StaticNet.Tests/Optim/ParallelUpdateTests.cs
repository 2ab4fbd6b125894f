using StaticNet.Optim;

namespace StaticNet.Tests.Optim;

/// <summary>
/// A parameter of 65,536 elements or more is updated on all cores, in vector-aligned slices. The update is element-wise,
/// so every element must come out bit for bit as the one-core path (checked against PyTorch elsewhere) computes it.
/// </summary>
[Collection(StaticNet.Tests.RandomGeneration.RandomCollection.Name)] // seeds the default generator
public class ParallelUpdateTests
{
    [Theory]
    [InlineData("SGD")]
    [InlineData("Adam")]
    [InlineData("AdamW")]
    [InlineData("RMSprop")]
    public void LargeParametersUpdateExactlyAsSmallOnes(string name)
    {
        const int large = 100_003, small = 1_003; // odd lengths: slice borders and the vector tail differ
        Torch.ManualSeed(7);
        var big = Torch.Randn([large], requiresGrad: true);
        var bigGrad = Torch.Randn([large]);
        var bigOpt = Create(name, big);
        // The same values and gradients at the start, across the middle (where two slices meet) and at the end, each in
        // a parameter below the threshold, which takes the one-core path.
        long[] starts = [0, large / 2 - small / 2, large - small];
        var parts = starts.Select(s => big.Detach().Narrow(0, s, small).Clone().RequiresGrad_()).ToArray();
        var partGrads = starts.Select(s => bigGrad.Narrow(0, s, small).Clone()).ToArray();
        var partOpts = parts.Select(p => Create(name, p)).ToArray();
        for (int step = 0; step < 3; step++)
        {
            big.Grad = bigGrad.Clone();
            bigOpt.Step();
            for (int i = 0; i < parts.Length; i++)
            {
                parts[i].Grad = partGrads[i].Clone();
                partOpts[i].Step();
            }
        }
        for (int i = 0; i < parts.Length; i++)
            Assert.Equal(parts[i].ToArray<float>(), big.Detach().Narrow(0, starts[i], small).ToArray<float>());
    }

    private static Optimizer Create(string name, Tensor p) => name switch
    {
        "SGD" => new SGD([p], lr: 0.01, momentum: 0.9, nesterov: true, weightDecay: 1e-4),
        "Adam" => new Adam([p], amsgrad: true, weightDecay: 1e-4),
        "AdamW" => new AdamW([p]),
        _ => new RMSprop([p], momentum: 0.9, centered: true),
    };
}
