using StaticNet.NN;

namespace StaticNet.Tests.NN;

public class InitAndContainerTests
{
    [Fact]
    public void KaimingAndXavierStayWithinTheirBounds()
    {
        var w = Torch.Empty(64, 100);
        Init.KaimingUniform_(w, a: Math.Sqrt(5));          // bound = 1/√fan_in = 0.1
        Assert.All(w.ToArray<float>(), v => Assert.InRange(v, -0.1f, 0.1f));
        Init.KaimingUniform_(w, nonlinearity: "relu");      // bound = √2·√(3/100)
        Assert.All(w.ToArray<float>(), v => Assert.InRange(v, -0.245f, 0.245f));
        Assert.True(w.Abs().Max().Item<float>() > 0.2f);
        Init.XavierUniform_(w);                              // bound = √(6/164)
        Assert.All(w.ToArray<float>(), v => Assert.InRange(v, -0.1913f, 0.1913f));
        Init.Zeros_(w);
        Assert.All(w.ToArray<float>(), v => Assert.Equal(0f, v));
        Assert.Equal(Math.Sqrt(2), Init.CalculateGain("relu"));
        Assert.Equal(5.0 / 3, Init.CalculateGain("tanh"));
        Assert.Equal((100L * 9, 64L * 9), Init.CalculateFanInAndFanOut(Torch.Empty(64, 100, 3, 3)));
        Assert.Throws<ArgumentException>(() => Init.CalculateFanInAndFanOut(Torch.Empty(5)));
    }

    [Fact]
    public void InitDoesNotRecordHistoryOnParameters()
    {
        var p = new Parameter(Torch.Empty(3, 3));
        Init.Normal_(p, 0, 0.02);
        Assert.True(p.IsLeaf);
        Assert.True(p.RequiresGrad);
    }

    [Fact]
    public void ModuleListRegistersWithoutAForwardOfItsOwn()
    {
        var list = new ModuleList(new Linear(2, 2), new Linear(2, 3)) { new ReLU() };
        Assert.Equal(3, list.Count);
        Assert.Equal(new[] { "0.weight", "0.bias", "1.weight", "1.bias" }, list.NamedParameters().Select(p => p.Name));
        Assert.IsType<ReLU>(list[2]);
        var e = Assert.Throws<InvalidOperationException>(() => list.Forward(Torch.Ones(1, 2)));
        Assert.Contains("missing the required \"Forward\"", e.Message);
        Assert.Equal("ModuleList(\n  (0): Linear(in_features=2, out_features=2, bias=True)\n  (1): Linear(in_features=2, out_features=3, bias=True)\n  (2): ReLU()\n)", list.ToString());
    }

    [Fact]
    public void SequentialIsIndexableAndAppendable()
    {
        var s = new Sequential(new Linear(3, 4)).Append(new ReLU());
        s.Add(new Linear(4, 1));
        Assert.Equal(3, s.Count);
        Assert.IsType<ReLU>(s[1]);
        Assert.IsType<Linear>(s[^1]);
        Assert.Equal(new Size(5, 1), s.Forward(Torch.Ones(5, 3)).Shape);
    }

    [Fact]
    public void ModuleToCpuKeepsParameters()
    {
        var m = new Linear(2, 2);
        var w = m.Weight;
        Assert.Same(m, m.To(Device.Cpu));
        Assert.Same(w, m.Weight);
    }

    [Fact]
    public void NamesCannotBeReusedAcrossKindsOrContainDots()
    {
        var m = new Sequential();
        Assert.Throws<ArgumentException>(() => m.Register("a.b", new ReLU()));
        m.RegisterParameter("w", new Parameter(Torch.Ones(1)));
        Assert.Throws<ArgumentException>(() => m.Register("w", new ReLU()));
    }
}
