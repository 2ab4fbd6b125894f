using StaticNet.NN;
using StaticNet.Tensorboard;
using StaticNet.Tensorboard.Format;
using StaticNet.Tests.IO;
using static StaticNet.F;

namespace StaticNet.Tests.Tensorboard;

/// <summary>Seed 001's LeNet as a declared model: its graph comes from the compiler, not from running it.</summary>
[Model(Input = [1, 32, 32])]
public partial class GraphLeNet
{
    [Conv2d(1, 6, kernel: 5)] public partial Tensor Conv1(Tensor x);
    [Conv2d(6, 16, kernel: 5)] public partial Tensor Conv2(Tensor x);
    [Linear(16 * 5 * 5, 120)] public partial Tensor Fc1(Tensor x);
    [Linear(120, 84)] public partial Tensor Fc2(Tensor x);
    [Linear(84, 10)] public partial Tensor Fc3(Tensor x);

    /// <inheritdoc/>
    public override string TypeName => "LeNet";

    [Forward]
    private Tensor Network(Tensor x)
    {
        x = MaxPool2d(Relu(Conv1(x)), (2, 2));
        x = MaxPool2d(Relu(Conv2(x)), 2);
        x = x.View(-1, 16 * 5 * 5);
        x = Relu(Fc1(x));
        x = Relu(Fc2(x));
        return Fc3(x);
    }
}

public class AddGraphTests
{
    /// <summary>The one graph event after the file-version event, its GraphDef parsed with graph.proto's parser.</summary>
    private static GraphDef ReadGraph(string folder)
    {
        var events = TensorboardEvents.Read(folder);
        Assert.Equal(2, events.Count);
        Assert.Equal(Event.WhatOneofCase.GraphDef, events[1].WhatCase);
        return GraphDef.Parser.ParseFrom(events[1].GraphDef);
    }

    private static long[] OutputShape(NodeDef node) => Assert.Single(node.Attr["_output_shapes"].List.Shape).Dim.Select(d => d.Size).ToArray();

    [Fact]
    public void DeclaredLeNetGraphHasPyTorchsScopesOpsEdgesAndShapes()
    {
        using var dir = new TempFolder();
        var model = new GraphLeNet();
        using (var writer = new SummaryWriter(dir.Path)) writer.AddGraph(model);
        var graph = ReadGraph(dir.Path);
        Assert.Equal(22, graph.Versions.Producer);
        var nodes = graph.Node.ToDictionary(n => n.Name);
        Assert.Equal(graph.Node.Count, nodes.Count); // names are unique

        var input = nodes["input/input"];
        Assert.Equal("IO Node", input.Op);
        Assert.Equal([1L, 1, 32, 32], OutputShape(input));

        // The op chain, hand-derived from the forward: 32 -conv5-> 28 -pool-> 14 -conv5-> 10 -pool-> 5, then 400, 120, 84, 10.
        var ops = graph.Node.Where(n => n.Op.StartsWith("aten::", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            ["aten::_convolution", "aten::relu", "aten::max_pool2d", "aten::_convolution", "aten::relu", "aten::max_pool2d",
             "aten::view", "aten::linear", "aten::relu", "aten::linear", "aten::relu", "aten::linear"],
            ops.Select(n => n.Op));
        long[][] shapes = [[1, 6, 28, 28], [1, 6, 28, 28], [1, 6, 14, 14], [1, 16, 10, 10], [1, 16, 10, 10], [1, 16, 5, 5],
            [1, 400], [1, 120], [1, 120], [1, 84], [1, 84], [1, 10]];
        Assert.Equal(shapes, ops.Select(OutputShape));
        Assert.Equal("input/input", ops[0].Input[0]);
        for (int i = 1; i < ops.Length; i++) Assert.Equal(ops[i - 1].Name, ops[i].Input[0]); // each op reads the previous one

        // Layers sit in their module's scope with their parameters as GetAttr inputs; F calls in the model's scope.
        Assert.StartsWith("LeNet/Conv2d[conv1]/", ops[0].Name);
        Assert.Matches(@"^LeNet/\d+$", ops[1].Name);
        Assert.StartsWith("LeNet/Linear[fc3]/", ops[^1].Name);
        var conv1Params = ops[0].Input.Skip(1).Select(name => nodes[name]).ToArray();
        Assert.Equal(["prim::GetAttr", "prim::GetAttr"], conv1Params.Select(n => n.Op));
        Assert.Matches(@"^LeNet/Conv2d\[conv1\]/weight/\d+$", conv1Params[0].Name);
        Assert.Equal([6L, 1, 5, 5], OutputShape(conv1Params[0]));
        Assert.Equal([6L], OutputShape(conv1Params[1]));
        Assert.Equal([10L, 84], OutputShape(nodes[ops[^1].Input[1]]));
        Assert.Contains("in_features=84", ops[^1].Attr["attr"].S.ToStringUtf8());

        var output = nodes["output/output.1"];
        Assert.Equal("IO Node", output.Op);
        Assert.Equal([ops[^1].Name], output.Input);
        Assert.Equal([1L, 10], OutputShape(output));
        // 12 ops, 10 parameters, input and output: nothing else.
        Assert.Equal(24, graph.Node.Count);
        // Every edge points at a node of the graph.
        Assert.All(graph.Node.SelectMany(n => n.Input), name => Assert.True(nodes.ContainsKey(name), name));
    }

    [Fact]
    public void InputToModelSetsTheBatch()
    {
        using var dir = new TempFolder();
        using (var writer = new SummaryWriter(dir.Path)) writer.AddGraph(new GraphLeNet(), Torch.Zeros(4, 1, 32, 32));
        var graph = ReadGraph(dir.Path);
        Assert.Equal([4L, 10], OutputShape(graph.Node.Single(n => n.Name == "output/output.1")));
        using var bad = new TempFolder();
        using var writer2 = new SummaryWriter(bad.Path);
        var e = Assert.Throws<ArgumentException>(() => writer2.AddGraph(new GraphLeNet(), Torch.Zeros(1, 3, 32, 32)));
        Assert.Contains("[B, 1, 32, 32]", e.Message);
    }

    [Fact]
    public void SequentialGraphNestsChildrenByIndexAndRestoresTrainingMode()
    {
        using var dir = new TempFolder();
        var model = new Sequential(new Linear(4, 3), new ReLU(), new Dropout(0.5), new Linear(3, 2));
        model.Train();
        using (var writer = new SummaryWriter(dir.Path))
        {
            writer.AddGraph(model, Torch.Zeros(5, 4));
            var e = Assert.Throws<ArgumentException>(() => writer.AddGraph(model));
            Assert.Contains("inputToModel", e.Message);
        }
        Assert.True(model.Training);
        Assert.All(model.Children(), c => Assert.True(c.Training));
        var graph = ReadGraph(dir.Path);
        var ops = graph.Node.Where(n => n.Op.StartsWith("aten::", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["aten::linear", "aten::relu", "aten::dropout", "aten::linear"], ops.Select(n => n.Op));
        Assert.Equal(["Sequential/Linear[0]/", "Sequential/ReLU[1]/", "Sequential/Dropout[2]/", "Sequential/Linear[3]/"],
            ops.Select(n => n.Name[..(n.Name.LastIndexOf('/') + 1)]));
        Assert.Equal([[5L, 3], [5, 3], [5, 3], [5, 2]], ops.Select(OutputShape));
        Assert.Equal([3L, 4], OutputShape(graph.Node.Single(n => n.Name == ops[0].Input[1])));
        Assert.Equal(ops[^1].Name, Assert.Single(graph.Node.Single(n => n.Name == "output/output.1").Input));
    }

    [Fact]
    public void ZooResnetGraphNestsBlocksAndAddsTheResiduals()
    {
        using var dir = new TempFolder();
        var model = StaticNet.Vision.Models.Models.Resnet18(numClasses: 10);
        Assert.IsAssignableFrom<IDeclaredModel>(model);
        using (var writer = new SummaryWriter(dir.Path)) writer.AddGraph(model);
        var graph = ReadGraph(dir.Path);
        var nodes = graph.Node.ToDictionary(n => n.Name);
        // Eight basic blocks, each adding its shortcut to its second convolution's branch.
        var adds = graph.Node.Where(n => n.Op == "aten::add").ToArray();
        Assert.Equal(8, adds.Length);
        Assert.All(adds, a => Assert.Equal(2, a.Input.Count));
        Assert.Matches(@"^ResNet/Sequential\[layer1\]/BasicBlock\[0\]/\d+$", adds[0].Name);
        Assert.Equal([1L, 64, 56, 56], OutputShape(adds[0]));
        Assert.Equal([1L, 512, 7, 7], OutputShape(adds[^1]));
        // The first downsampling shortcut: layer2.0.downsample.0 is a 1x1 convolution, named as the state dict nests.
        var downsample = graph.Node.Single(n => n.Op == "aten::_convolution" && n.Name.StartsWith("ResNet/Sequential[layer2]/BasicBlock[0]/Sequential[downsample]/Conv2d[0]/", StringComparison.Ordinal));
        Assert.Equal([1L, 128, 28, 28], OutputShape(downsample));
        Assert.Equal([128L, 64, 1, 1], OutputShape(nodes[downsample.Input[1]]));
        Assert.Equal(20, graph.Node.Count(n => n.Op == "aten::_convolution"));
        Assert.Equal(20, graph.Node.Count(n => n.Op == "aten::batch_norm"));
        Assert.Equal([1L, 10], OutputShape(nodes["output/output.1"]));
        Assert.All(graph.Node.SelectMany(n => n.Input), name => Assert.True(nodes.ContainsKey(name), name));
    }
}
