using StaticNet.NN;

namespace StaticNet.Tests.NN;

[Collection(StaticNet.Tests.RandomGeneration.RandomCollection.Name)] // seeds the default generator
public class ModuleTests
{
    private sealed class TwoLayer : Module
    {
        public TwoLayer()
        {
            Fc1 = Register("fc1", new Linear(4, 3));
            Stack = Register("stack", new Sequential(new Linear(3, 2), new Linear(2, 1, bias: false)));
        }

        public Linear Fc1 { get; }
        public Sequential Stack { get; }

        public Linear Head
        {
            get => (Linear)Stack[^1];
        }

        public override Tensor Forward(Tensor x) => Stack.Forward(Fc1.Forward(x));
    }

    private sealed class Replaceable : Module
    {
        private Linear _fc;

        public Replaceable() => _fc = Register("fc", new Linear(2, 2));

        public Linear Fc
        {
            get => _fc;
            set => _fc = Register("fc", value);
        }

        public override Tensor Forward(Tensor x) => _fc.Forward(x);
    }

    [Fact]
    public void NamedParametersUsePyTorchsDottedNamesInRegistrationOrder()
    {
        var m = new TwoLayer();
        var names = m.NamedParameters().Select(p => p.Name).ToArray();
        Assert.Equal(new[] { "fc1.weight", "fc1.bias", "stack.0.weight", "stack.0.bias", "stack.1.weight" }, names);
        Assert.Equal(5, m.Parameters().Count());
        Assert.All(m.Parameters(), p => Assert.True(p.RequiresGrad));
        Assert.Equal(new Size(3, 4), m.Fc1.Weight.Shape);
        Assert.Equal(new[] { "fc1", "stack" }, m.NamedChildren().Select(c => c.Name));
        Assert.Equal(new[] { "", "fc1", "stack", "stack.0", "stack.1" }, m.NamedModules().Select(c => c.Name));
        Assert.Equal(2, m.Stack.Parameters().Count() - 1); // a sub-module's own parameters: 3
    }

    [Fact]
    public void PrintsLikePyTorch()
    {
        var m = new TwoLayer();
        Assert.Equal(
            "TwoLayer(\n" +
            "  (fc1): Linear(in_features=4, out_features=3, bias=True)\n" +
            "  (stack): Sequential(\n" +
            "    (0): Linear(in_features=3, out_features=2, bias=True)\n" +
            "    (1): Linear(in_features=2, out_features=1, bias=False)\n" +
            "  )\n" +
            ")", m.ToString());
        Assert.Equal("Linear(in_features=3, out_features=2, bias=True)", m.Stack[0].ToString());
    }

    [Fact]
    public void LinearInitialisationMatchesPyTorchForTheSameSeed()
    {
        // torch.manual_seed(0); l = nn.Linear(2, 3): weight and bias as PyTorch 1.13 prints them (repr, 8 digits).
        Torch.ManualSeed(0);
        var l = new Linear(2, 3);
        Assert.Equal(new[] { -0.005293981f, 0.37932289f, -0.58198076f, -0.52038747f, -0.27234525f, 0.18961589f }, l.Weight.ToArray<float>(), new Tol(1e-7f));
        Assert.Equal(new[] { -0.014010034f, 0.5606575f, -0.062751517f }, l.Bias!.ToArray<float>(), new Tol(1e-7f));
    }

    [Fact]
    public void ForwardComputesXWTransposePlusB()
    {
        var l = new Linear(2, 2);
        using (Torch.NoGrad())
        {
            l.Weight.Copy_(Torch.Tensor(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } }));
            l.Bias!.Copy_(Torch.Tensor(new[] { 0.5, -0.5 }));
        }
        var y = l.Forward(Torch.Tensor(new[,] { { 1.0, 1.0 } }));
        Assert.Equal(new[] { 3.5f, 6.5f }, y.ToArray<float>());
        var batched = l.Forward(Torch.Ones(2, 3, 2));
        Assert.Equal(new Size(2, 3, 2), batched.Shape);
        var e = Assert.Throws<ArgumentException>(() => l.Forward(Torch.Ones(2, 3)));
        Assert.Contains("[2, 3]", e.Message);
    }

    [Fact]
    public void TrainEvalAndZeroGrad()
    {
        var m = new TwoLayer();
        Assert.True(m.Training);
        m.Eval();
        Assert.All(m.Modules(), x => Assert.False(x.Training));
        m.Train();
        Assert.All(m.Modules(), x => Assert.True(x.Training));
        m.Forward(Torch.Ones(1, 4)).Sum().Backward();
        Assert.All(m.Parameters(), p => Assert.NotNull(p.Grad));
        m.ZeroGrad(setToNone: false);
        Assert.All(m.Parameters(), p => Assert.All(p.Grad!.ToArray<float>(), v => Assert.Equal(0f, v)));
        m.ZeroGrad();
        Assert.All(m.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void StateDictRoundTripsAndStrictLoadingReportsKeys()
    {
        var a = new TwoLayer();
        var b = new TwoLayer();
        var sd = a.StateDict();
        Assert.Equal(new[] { "fc1.weight", "fc1.bias", "stack.0.weight", "stack.0.bias", "stack.1.weight" }, sd.Keys);
        b.LoadStateDict(sd);
        Assert.Equal(a.Fc1.Weight.ToArray<float>(), b.Fc1.Weight.ToArray<float>());
        Assert.False(sd["fc1.weight"].RequiresGrad);

        var partial = new StateDict { { "fc1.weight", sd["fc1.weight"] }, { "extra", Torch.Zeros(1) } };
        var e = Assert.Throws<ArgumentException>(() => b.LoadStateDict(partial));
        Assert.Contains("Missing key(s) in state_dict: \"fc1.bias\"", e.Message);
        Assert.Contains("Unexpected key(s) in state_dict: \"extra\"", e.Message);
        var (missing, unexpected) = b.LoadStateDict(partial, strict: false);
        Assert.Contains("stack.0.weight", missing);
        Assert.Equal(new[] { "extra" }, unexpected);

        var wrong = new StateDict { { "fc1.weight", Torch.Zeros(2, 2) } };
        var shape = Assert.Throws<ArgumentException>(() => b.LoadStateDict(wrong, strict: false));
        Assert.Contains("size mismatch for fc1.weight: copying a param with shape [2, 2] from checkpoint, the shape in current model is [3, 4]", shape.Message);
    }

    [Fact]
    public void ReplacingAChildReRegistersItInPlace()
    {
        var m = new Replaceable();
        m.Fc = new Linear(2, 5);
        Assert.Equal(new[] { "fc.weight", "fc.bias" }, m.NamedParameters().Select(p => p.Name));
        Assert.Equal(new Size(5, 2), m.Parameters().First().Shape);
        Assert.Equal(new Size(1, 5), m.Forward(Torch.Ones(1, 2)).Shape);
    }

    [Fact]
    public void FrozenParametersGetNoGradient()
    {
        var m = new TwoLayer();
        foreach (var p in m.Fc1.Parameters()) p.RequiresGrad = false;
        m.Forward(Torch.Ones(1, 4)).Sum().Backward();
        Assert.Null(m.Fc1.Weight.Grad);
        Assert.NotNull(m.Stack[0].Parameters().First().Grad);
    }

    [Fact]
    public void SummaryMatchesTorchsummaryForSeed003Sequential()
    {
        var model = new Sequential(new Linear(2, 8), new Linear(8, 1));
        var s = model.Summary(2);
        Assert.Equal(
            "----------------------------------------------------------------\n" +
            "        Layer (type)               Output Shape         Param #\n" +
            "================================================================\n" +
            "            Linear-1                    [-1, 8]              24\n" +
            "            Linear-2                    [-1, 1]               9\n" +
            "================================================================\n" +
            "Total params: 33\n" +
            "Trainable params: 33\n" +
            "Non-trainable params: 0\n" +
            "----------------------------------------------------------------\n" +
            "Input size (MB): 0.00\n" +
            "Forward/backward pass size (MB): 0.00\n" +
            "Params size (MB): 0.00\n" +
            "Estimated Total Size (MB): 0.00\n" +
            "----------------------------------------------------------------", s.Replace("\r\n", "\n"));
    }

    [Fact]
    public void ParameterIsATensorThatPrintsItsHeader()
    {
        var p = new Parameter(Torch.Tensor(new[] { 1.0 }));
        Tensor t = p;
        Assert.True(t.RequiresGrad);
        Assert.StartsWith("Parameter containing:\ntensor([1.], requires_grad=True)", p.ToString());
    }

    private sealed class Tol(float t) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= t;
        public int GetHashCode(float d) => 0;
    }
}
