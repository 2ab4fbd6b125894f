using StaticNet.Autograd;

namespace StaticNet.Tests.Autograd;

/// <summary>
/// A node of several outputs in the engine (what a fused tuple forward records): each output's tensor names its output
/// number on the edge, one call receives one gradient per output (summed when several paths reach one output), null for
/// an output no gradient reached, and the node is skipped when none reached any; <c>Autograd.Grad</c> captures per output.
/// </summary>
public class MultiOutputNodeTests
{
    // (2a, 3a) of one input, as ONE node with two outputs: dA = 2·g0 + 3·g1 (a null gradient counts as zeros).
    private sealed class ScaleTwiceBackward : Node
    {
        public List<(Tensor? G0, Tensor? G1)> Calls { get; } = [];

        public override string Name => "ScaleTwiceBackward";

        internal override int OutputCount => 2;

        internal override Tensor?[] Apply(Tensor gradOutput) => throw new InvalidOperationException("a node of two outputs gets ApplyOutputs");

        internal override Tensor?[] ApplyOutputs(Tensor?[] gradOutputs)
        {
            Calls.Add((gradOutputs[0], gradOutputs[1]));
            var sum = Torch.Zeros([2], DType.Float64);
            if (gradOutputs[0] is { } g0) sum = sum + g0 * 2;
            if (gradOutputs[1] is { } g1) sum = sum + g1 * 3;
            return [sum];
        }
    }

    private static (Tensor A, Tensor Y0, Tensor Y1, ScaleTwiceBackward Node) Record()
    {
        var a = Torch.Tensor(new double[] { 1, -2 }).RequiresGrad_();
        Tensor y0, y1;
        using (Torch.NoGrad())
        {
            y0 = a * 2;
            y1 = a * 3;
        }
        var node = new ScaleTwiceBackward();
        Graph.RecordOutputs([y0, y1], node, [a]);
        return (a, y0, y1, node);
    }

    [Fact]
    public void BothOutputsNameTheirOwnEdgeOfOneNode()
    {
        var (_, y0, y1, node) = Record();
        Assert.Same(node, y0.GradFn);
        Assert.Same(node, y1.GradFn);
        Assert.Equal(new Edge(node, 0), Graph.EdgeOf(y0));
        Assert.Equal(new Edge(node, 1), Graph.EdgeOf(y1));
        // An op on the second output records an edge to output 1.
        var z = y1.Sum();
        Assert.Equal((node, 1), z.GradFn!.NextFunctions[0]);
    }

    [Fact]
    public void OneCallGetsEachOutputsGradientSummedOverItsPaths()
    {
        var (a, y0, y1, node) = Record();
        (y0.Sum() + y1.Sum() + (y1 * y1).Sum()).Backward();
        var call = Assert.Single(node.Calls);
        Assert.Equal([1.0, 1.0], call.G0!.ToArray<double>());
        // y1 = (3, −6): 1 + 2·y1 = (7, −11).
        Assert.Equal([7.0, -11.0], call.G1!.ToArray<double>());
        Assert.Equal([2 + 21.0, 2 - 33.0], a.Grad!.ToArray<double>());
    }

    [Fact]
    public void AnOutputNoGradientReachedIsNullAndANodeNoneReachedIsSkipped()
    {
        var (a, _, y1, node) = Record();
        y1.Sum().Backward(retainGraph: true);
        var call = Assert.Single(node.Calls);
        Assert.Null(call.G0);
        Assert.Equal([3.0, 3.0], a.Grad!.ToArray<double>());

        // A graph through which no gradient flows to the node at all: it is not called.
        var (b, y0b, _, other) = Record();
        var detached = y0b.Detach().Sum() + Torch.Tensor(new double[] { 0 }).RequiresGrad_().Sum();
        detached.Backward();
        Assert.Empty(other.Calls);
        Assert.Null(b.Grad);
    }

    [Fact]
    public void AutogradGradCapturesTheGradientOfEachOutputSeparately()
    {
        var (_, y0, y1, _) = Record();
        var grads = Torch.Autograd.Grad([(y0 * 5).Sum() + (y1 * 7).Sum()], [y1, y0]);
        Assert.Equal([7.0, 7.0], grads[0]!.ToArray<double>());
        Assert.Equal([5.0, 5.0], grads[1]!.ToArray<double>());
    }

    [Fact]
    public void RecordingMoreOrFewerTensorsThanOutputsIsAClearError()
    {
        var a = Torch.Tensor(new double[] { 1 }).RequiresGrad_();
        var e = Assert.Throws<ArgumentException>(() => Graph.RecordOutputs([a.Detach()], new ScaleTwiceBackward(), [a]));
        Assert.Contains("ScaleTwiceBackward has 2 outputs, but 1 tensors were recorded", e.Message);
    }
}
