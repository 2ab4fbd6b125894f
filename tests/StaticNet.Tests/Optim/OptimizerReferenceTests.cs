using StaticNet.Optim;
using static StaticNet.Tests.Optim.OptimTestData;

namespace StaticNet.Tests.Optim;

public class OptimizerReferenceTests
{
    public static TheoryData<string, int> CaseNames()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in Cases.Keys)
        {
            data.Add(name, 1); // 3 elements: the tail path alone
            data.Add(name, 5); // 15 elements: full SIMD vectors, then a tail
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ThreeStepsMatchPyTorch(string name, int copies)
    {
        var c = Cases[name];
        var p = Param(copies);
        var opt = c.Make([p]);
        for (int s = 0; s < 3; s++)
        {
            p.Grad = Grad(s, copies);
            opt.Step();
            AssertClose(Repeat(c.Expected[s], copies), p);
        }
    }

    [Fact]
    public void AdamOnFloat32MatchesPyTorchFloat32()
    {
        double[][] expected =
        [
            [0.9900000095367432, -1.9900000095367432, 2.990000009536743],
            [0.9880850315093994, -1.9894187450408936, 2.9801743030548096],
            [0.9846107363700867, -1.9894685745239258, 2.973684549331665],
        ];
        var p = Param(5, DType.Float32);
        var opt = new Adam([p], lr: 0.01);
        for (int s = 0; s < 3; s++)
        {
            p.Grad = Grad(s, 5, DType.Float32);
            opt.Step();
            Assert.Equal(DType.Float32, p.DType);
            AssertClose(Repeat(expected[s], 5), p, tolerance: 1e-6);
        }
    }

    [Fact]
    public void NAdamFollowsPyTorch2RatherThanTheMuProductBugOf113()
    {
        // torch.optim.NAdam 1.13 after the first step: 0.9979009376768853 (its mu_product_next has an extra μₜ).
        var p = Param();
        var opt = new NAdam([p]);
        p.Grad = Grad(0);
        opt.Step();
        Assert.NotEqual(0.9979009376768853, p.ToArray<double>()[0], 1e-9);
        AssertClose(Cases["NAdamDefault"].Expected[0], p);
    }

    [Fact]
    public void StepRecordsNoHistoryAndBumpsTheVersion()
    {
        var p = Param();
        var opt = new SGD([p], lr: 0.1);
        int version = p.Storage.Version;
        p.Grad = Grad(0);
        opt.Step();
        Assert.True(p.IsLeaf);
        Assert.True(p.RequiresGrad);
        Assert.Null(p.GradFn);
        Assert.True(p.Storage.Version > version);
    }
}
