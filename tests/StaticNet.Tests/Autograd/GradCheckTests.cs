using StaticNet.Autograd;

namespace StaticNet.Tests.Autograd;

/// <summary>Runs the gradient-check table: finite differences against every op's analytic backward.</summary>
public class GradCheckTests
{
    public static TheoryData<string> Rows()
    {
        var data = new TheoryData<string>();
        foreach (var row in GradCheckTable.All()) data.Add(row.ToString());
        return data;
    }

    [Theory, MemberData(nameof(Rows))]
    public void AnalyticGradientMatchesFiniteDifferences(string row)
    {
        var c = GradCheckTable.All().First(r => r.ToString() == row);
        GradCheckTable.Rng = new Generator((ulong)GradCheckTable.All().ToList().IndexOf(c) + 1);
        var inputs = c.Inputs();
        var output = c.F(inputs);
        Assert.Equal(c.Node, output.GradFn?.Name);
        Assert.True(Torch.Autograd.GradCheck(c.F, inputs));
    }

    [Fact]
    public void EveryBackwardNodeHasAGradCheckRow()
    {
        var covered = GradCheckTable.All().Select(r => r.Node).ToHashSet();
        var nodes = typeof(Node).Assembly.GetTypes()
            // The generic node of user-defined Functions has no op of its own (CustomFunctionTests check it with user ops).
            .Where(t => t.IsSubclassOf(typeof(Node)) && !t.IsAbstract && !t.IsGenericTypeDefinition && t != typeof(AccumulateGrad))
            .Select(t => t.Name)
            .ToList();
        Assert.NotEmpty(nodes);
        var missing = nodes.Where(n => !covered.Contains(n)).OrderBy(n => n).ToList();
        Assert.True(missing.Count == 0, "Backward nodes without a gradcheck row: " + string.Join(", ", missing));
    }
}
