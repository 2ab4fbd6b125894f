using StaticNet.Generators.Tests.Models;
using StaticNet.NN;
using StaticNet.Optim;

namespace StaticNet.Generators.Tests;

/// <summary>
/// The models in Models/ compiled by the real generator (this project references it as an analyzer, as a user's
/// would): names, printing and summary equal their eager twins', and they run and train.
/// </summary>
public class DeclaredModelTests
{
    [Fact]
    public void Seed000NetworkHasPyTorchNamesAndPrintsLikeItsEagerTwin()
    {
        var model = new NeuralNetwork();
        var eager = new EagerTwins.NeuralNetwork();
        Assert.Equal(eager.ToString(), model.ToString());
        Assert.Equal(
            ["linear_relu_stack.0.weight", "linear_relu_stack.0.bias", "linear_relu_stack.2.weight", "linear_relu_stack.2.bias",
             "linear_relu_stack.4.weight", "linear_relu_stack.4.bias"],
            model.NamedParameters().Select(p => p.Name));
        Assert.Equal(535_818, model.Parameters().Sum(p => p.Numel));
        Assert.Equal(new Size(4, 10), model.Forward(Torch.Rand(4, 28, 28)).Shape);
    }

    [Fact]
    public void Seed000CompileTimeSummaryEqualsTheRuntimeSummary()
    {
        Assert.Contains("Total params: 535,818", NeuralNetwork.Summary);
        Assert.Equal(new EagerTwins.NeuralNetwork().Summary(1, 28, 28), NeuralNetwork.Summary);
    }

    [Fact]
    public void Seed002LeNetMatchesItsEagerTwin()
    {
        var model = new LeNet();
        var eager = new EagerTwins.LeNet();
        Assert.Equal(eager.ToString(), model.ToString());
        Assert.Equal(eager.Summary(1, 32, 32), LeNet.Summary);
        Assert.Equal(eager.NamedParameters().Select(p => (p.Name, p.Param.Shape)), model.NamedParameters().Select(p => (p.Name, p.Param.Shape)));
        Assert.Equal(new Size(6, 1, 3, 3), model.Layers.Conv1.Weight.Shape);
        Assert.Equal(new Size(2, 10), model.Forward(Torch.Randn(2, 1, 32, 32)).Shape);
    }

    [Fact]
    public void Seed003StateDictMovesBetweenDeclaredAndEagerModels()
    {
        var model = new MyNeuralNet();
        var eager = new EagerTwins.MyNeuralNet();
        Assert.Equal(eager.ToString(), model.ToString());
        Assert.Equal(eager.Summary(2), MyNeuralNet.Summary);
        Assert.Equal(["input_to_hidden_layer.weight", "input_to_hidden_layer.bias", "hidden_to_output_layer.weight", "hidden_to_output_layer.bias"],
            model.NamedParameters().Select(p => p.Name));
        eager.LoadStateDict(model.StateDict());
        var x = Torch.Tensor(new float[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal(eager.Forward(x).ToArray<float>(), model.Forward(x).ToArray<float>());
    }

    [Fact]
    public void SameSeedGivesTheEagerTwinsInitialParameters()
    {
        Torch.ManualSeed(0);
        var model = new LeNet();
        Torch.ManualSeed(0);
        var eager = new EagerTwins.LeNet();
        Assert.All(model.Parameters().Zip(eager.Parameters()), pair => Assert.Equal(pair.Second.ToArray<float>(), pair.First.ToArray<float>()));
    }

    [Fact]
    public void LayerMethodsGiveIntermediateValuesThatDifferentiate()
    {
        var model = new MyNeuralNet();
        var hidden = model.InputToHiddenLayer(Torch.Tensor(new float[,] { { 1, 2 } }));
        Assert.Equal(new Size(1, 8), hidden.Shape);
        Assert.Equal("AddmmBackward0", hidden.GradFn!.Name);
        hidden.Sum().Backward();
        Assert.NotNull(model.Layers.InputToHiddenLayer.Weight.Grad);
    }

    [Fact]
    public void TupleForwardReturnsNamedOutputsAndModuleForwardTheFirst()
    {
        var model = new MyNeuralNetWithHidden();
        var x = Torch.Tensor(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        var (output, hidden) = model.Forward(x);
        Assert.Equal(new Size(3, 1), output.Shape);
        Assert.Equal(new Size(3, 8), hidden.Shape);
        Assert.True(hidden.ToArray<float>().All(v => v >= 0));
        Module asModule = model;
        Assert.Equal(output.ToArray<float>(), asModule.Forward(x).ToArray<float>());
        Assert.Equal(new EagerTwins.MyNeuralNet().Summary(2), MyNeuralNetWithHidden.Summary);
    }

    [Fact]
    public void Seed003RegressionTrainsWithTheDeclaredModel()
    {
        // x = [[1,2],[3,4],[5,6],[7,8]], y = sum; MSE, SGD lr = 0.001 (as the eager SeedNetworkTests).
        Torch.ManualSeed(10);
        var x = Torch.Tensor(new[,] { { 1.0f, 2.0f }, { 3.0f, 4.0f }, { 5.0f, 6.0f }, { 7.0f, 8.0f } });
        var y = Torch.Tensor(new[,] { { 3.0f }, { 7.0f }, { 11.0f }, { 15.0f } });
        var model = new MyNeuralNet();
        var lossFn = new MSELoss();
        var optimizer = new SGD(model.Parameters(), lr: 0.001);
        double loss = double.NaN;
        for (int step = 0; step < 5000; step++)
        {
            optimizer.ZeroGrad();
            var l = lossFn.Forward(model.Forward(x), y);
            l.Backward();
            optimizer.Step();
            loss = l.Item<float>();
        }
        Assert.True(loss < 0.1, $"loss after 5000 steps: {loss}");
        Assert.InRange(model.Forward(Torch.Tensor(new[,] { { 10.0f, 11.0f } })).Item<float>(), 19.5, 22.5);
    }

    [Fact]
    public void DropoutHonoursEval()
    {
        var model = new NeuralNetwork();
        model.Eval();
        var x = Torch.Rand(3, 1, 28, 28);
        Assert.Equal(model.Forward(x).ToArray<float>(), model.Forward(x).ToArray<float>());
        Assert.False(model.Layers.LinearReluStack[5].Training);
    }
}
