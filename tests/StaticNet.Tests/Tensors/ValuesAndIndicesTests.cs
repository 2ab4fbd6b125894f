namespace StaticNet.Tests.Tensors;

/// <summary>
/// <c>x.Max(dim)</c>/<c>x.Min(dim)</c> return PyTorch's <c>torch.return_types.max</c>/<c>.min</c>: it deconstructs and
/// indexes like the named tuple and prints as torch 1.13's structseq repr.
/// </summary>
public class ValuesAndIndicesTests
{
    private static Tensor Grid() => Torch.Tensor(new float[,] { { 1, 3 }, { 4, 2 } });

    [Fact]
    public void MaxOverADimPrintsAsTorchReturnTypesMax()
    {
        // print(torch.max(torch.tensor([[1., 3.], [4., 2.]]), 1)) in PyTorch 1.13.
        Assert.Equal("torch.return_types.max(\nvalues=tensor([3., 4.]),\nindices=tensor([1, 0]))", Grid().Max(dim: 1).ToString());
        Assert.Equal("torch.return_types.min(\nvalues=tensor([1., 2.]),\nindices=tensor([0, 1]))", Torch.Min(Grid(), 0).ToString());
    }

    [Fact]
    public void MultiLineFieldsKeepTheTensorsOwnIndentation()
    {
        // Each field is the tensor's own repr after "name=": continuation lines stay indented under "tensor(".
        Assert.Equal(
            "torch.return_types.max(\nvalues=tensor([[3.],\n        [4.]]),\nindices=tensor([[1],\n        [0]]))",
            Grid().Max(1, keepDim: true).ToString());
        var x = Grid().RequiresGrad_();
        Assert.Equal("torch.return_types.max(\nvalues=tensor([3., 4.], grad_fn=<MaxBackward0>),\nindices=tensor([1, 0]))", x.Max(1).ToString());
    }

    [Fact]
    public void DeconstructsIndexesAndConvertsLikeTheTuple()
    {
        var result = Torch.Max(Grid(), 1);
        var (values, indices) = result;
        Assert.Same(result.Values, values);
        Assert.Same(result.Indices, indices);
        Assert.Same(result.Indices, result[1]);
        Assert.Same(result.Values, result[-2]);
        Assert.Equal("max", result.Op);
        (Tensor Values, Tensor Indices) tuple = result;
        Assert.Same(indices, tuple.Indices);
        Assert.Equal(new long[] { 1, 0 }, indices.ToArray<long>());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => result[2]);
        Assert.Contains("tuple index out of range", e.Message);
    }

    [PyTorchFact]
    public void PrintsExactlyAsPyTorch113()
    {
        const string script = """
            import torch
            g = torch.tensor([[1., 3.], [4., 2.]])
            r = torch.tensor([[0.5, -2.25, 7.], [1e-3, 3., 3.]], requires_grad=True)
            i = torch.tensor([[5, -1, 7], [2, 9, 9]])
            for v in [torch.max(g, 1), torch.min(g, 0), g.max(1, keepdim=True), r.max(1), r.min(-1, keepdim=True), i.max(0), i.min(1)]:
                print(v)
                print('---')
            """;
        var g = Grid();
        var r = Torch.Tensor(new float[,] { { 0.5f, -2.25f, 7f }, { 1e-3f, 3f, 3f } }).RequiresGrad_();
        var i = Torch.Tensor(new long[,] { { 5, -1, 7 }, { 2, 9, 9 } });
        var ours = new[] { Torch.Max(g, 1), Torch.Min(g, 0), g.Max(1, keepDim: true), r.Max(1), r.Min(-1, keepDim: true), i.Max(0), i.Min(1) };
        string expected = PyTorchScript.Run(script).Replace("\r\n", "\n");
        Assert.Equal(expected, string.Concat(ours.Select(v => v + "\n---\n")));
    }
}
