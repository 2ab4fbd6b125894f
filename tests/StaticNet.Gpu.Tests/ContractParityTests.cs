using System.Numerics;
using System.Reflection;
using StaticNet.Kernels;
using static StaticNet.Gpu.Tests.Parity;

namespace StaticNet.Gpu.Tests;

/// <summary>
/// The backend contract, member by member: every member of <see cref="IBackend"/> (and its op-family interfaces) that
/// is not a fused plan's host-workspace kernel (<c>Host*</c>) has a row here that calls it on ilgpu-cpu and compares
/// the result with the CPU backend's. A member without a row fails the test, and so does one that throws
/// <see cref="NotSupportedException"/>.
/// </summary>
public class ContractParityTests
{
    private static readonly IBackend Cpu = Backends.Cpu;
    private static readonly IBackend Gpu = Backends.For(UnderTest);

    /// <summary>The contract's members, found by reflection (the device property aside).</summary>
    private static string[] ContractMembers() =>
        [.. new[] { typeof(IBackend) }.Concat(typeof(IBackend).GetInterfaces())
            .SelectMany(i => i.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => !m.IsSpecialName)
            .Select(m => m.Name)
            .Where(n => !n.StartsWith("Host", StringComparison.Ordinal))
            .Distinct()
            .Order()];

    /// <summary>One row per member: runs it on a backend and returns what to compare (a tensor on that backend's device).</summary>
    private static readonly Dictionary<string, Func<IBackend, Tensor>> Rows = new()
    {
        ["Allocate"] = b => new Tensor(b.Allocate(DType.Float64, 5, zeroed: true), [5], [1], 0),
        ["Upload"] = b => b.Upload(Torch.Arange(6.0, 0, -1, DType.Float64)),
        ["Download"] = b => b.Download(X(b).T).To(b.Device),
        ["Binary"] = b => Into(b, (x, d) => b.Binary<double, AddOperator>(x, Y(b).T.T, d)),
        ["Unary"] = b => Into(b, (x, d) => b.Unary<double, AbsOperator>(x, d)),
        ["FloatUnary"] = b => Into(b, (x, d) => b.FloatUnary<double, TanhOperator>(x, d)),
        ["Compare"] = b => { var d = new Tensor([2, 3], DType.Bool, b.Device); b.Compare<double, LessThanOperator>(X(b), Y(b), d); return d; },
        ["Where"] = b => Into(b, (x, d) => b.Where(X(b) > 0, x, Y(b), d)),
        ["LeakyRelu"] = b => Into(b, (x, d) => b.LeakyRelu(x, 0.25, d)),
        ["LeakyReluBackward"] = b => b.LeakyReluBackward(Y(b), X(b), 0.25),
        ["Gelu"] = b => b.Gelu(X(b), tanh: false),
        ["GeluBackward"] = b => b.GeluBackward(Y(b), X(b), tanh: true),
        ["Reduce"] = b => { var d = new Tensor([3], DType.Float64, b.Device); b.Reduce<double, SumOperator>(X(b), [true, false], d); return d; },
        ["ArgReduce"] = b =>
        {
            var (v, i) = (new Tensor([2], DType.Float64, b.Device), new Tensor([2], DType.Int64, b.Device));
            b.ArgReduce<double, ArgMaxOperator>(X(b), 1, v, i);
            return Torch.Cat([v, i.To(DType.Float64)]);
        },
        ["Nonzero"] = b => b.Nonzero(X(b) > 0),
        ["Copy"] = b => Into(b, (x, d) => b.Copy(x.To(DType.Float32), d)),
        ["Gather"] = b => Into(b, (x, d) => b.Gather(x, Offsets(b, 2, 3), d)),
        ["Put"] = b => { var d = X(b).Clone(); b.Put(d, Offsets(b, 2, 3), Y(b), accumulate: true); return d; },
        ["CheckedEmbeddingIndices"] = b => Torch.FromArray(b.CheckedEmbeddingIndices(Torch.FromArray(new long[] { 2, 0, 1 }).To(b.Device), 3)).To(b.Device),
        ["Embedding"] = b => b.Embedding(X(b).T.Contiguous(), [2, 0, 2], [3, 2]),
        ["EmbeddingBackward"] = b => b.EmbeddingBackward(X(b).T.Contiguous(), [2, 0, 2], 4, 2, 0, DType.Float64),
        ["BatchedGemm"] = b => { var c = Out(b); b.BatchedGemm(X(b), Square(b), c, 2, 0); return c; },
        ["TryBatchedGemmWithBias"] = b =>
        {
            var c = Out(b);
            if (!b.TryBatchedGemmWithBias(X(b), Square(b), c, 1, Y(b)[0]))
            {
                // The documented fallback: c = bias, then c = a·b + c.
                b.Copy(Y(b)[0], c);
                b.BatchedGemm(X(b), Square(b), c, 1, 1);
            }
            return c;
        },
        ["Conv2d"] = b => b.Conv2d(Image(b), Kernel(b), Y(b)[0], Conv, [1, 3, 3, 3]),
        ["Conv2dBackward"] = b =>
        {
            var (dx, dw, db) = b.Conv2dBackward(Torch.Arange(27, DType.Float64).View([1, 3, 3, 3]).To(b.Device), Image(b), Kernel(b), Conv, true, true, true);
            return Torch.Cat([dx!.Flatten(), dw!.Flatten(), db!.Flatten()]);
        },
        ["MaxPool2d"] = b => { var (y, i) = b.MaxPool2d(Image(b), Pool, [1, 2, 2, 1]); return Torch.Cat([y.Flatten(), i.To(DType.Float64).Flatten()]); },
        ["MaxPool2dBackward"] = b => b.MaxPool2dBackward(Torch.Ones([1, 2, 2, 1], DType.Float64).To(b.Device), b.MaxPool2d(Image(b), Pool, [1, 2, 2, 1]).Indices, [1, 2, 4, 3], Pool),
        ["AvgPool2d"] = b => b.AvgPool2d(Image(b), Pool, countIncludePad: false, 0, [1, 2, 2, 1]),
        ["AvgPool2dBackward"] = b => b.AvgPool2dBackward(Torch.Ones([1, 2, 2, 1], DType.Float64).To(b.Device), [1, 2, 4, 3], Pool, true, 3),
        ["AdaptiveAvgPool2d"] = b => b.AdaptiveAvgPool2d(Image(b), Adaptive, [1, 2, 3, 2]),
        ["AdaptiveAvgPool2dBackward"] = b => b.AdaptiveAvgPool2dBackward(Torch.Ones([1, 2, 3, 2], DType.Float64).To(b.Device), [1, 2, 4, 3], Adaptive),
        ["Softmax"] = b => b.Softmax(X(b), 1, log: true),
        ["SoftmaxBackward"] = b => b.SoftmaxBackward(Y(b), b.Softmax(X(b), 0, log: false), 0, log: false),
        ["NllLoss"] = b => { var (l, w) = b.NllLoss(X(b), Targets(b), null, 3, 1, -100); return l * w; },
        ["NllLossBackward"] = b => b.NllLossBackward([2, 3], DType.Float64, Targets(b), null, Torch.Full([], 0.5, DType.Float64).To(b.Device), 3, 1, -100),
        ["FusedUpdate"] = b => { var p = X(b).Clone(); b.FusedUpdate<double, HalfStep, HalfStepElement>(default, default, p, Y(b)); return p; },
        ["FillUniform"] = b => Fill(b, (t, g) => b.FillUniform(t, g, -1, 2)),
        ["FillNormal"] = b => Fill(b, (t, g) => b.FillNormal(t, g, 1, 3, bulk: true)),
        ["FillRandInt"] = b => Fill(b, (t, g) => b.FillRandInt(t, g, 0, 9)),
        ["FillBernoulli"] = b => Fill(b, (t, g) => b.FillBernoulli(t, g, 0.5)),
        ["FillPermutation"] = b => { var t = new Tensor([9], DType.Int64, b.Device); b.FillPermutation(t, new Generator(3)); return t; },
    };

    private static readonly Conv2dGeometry Conv = new(1, 2, 4, 3, 3, 1, 2, 1, 1, 2, 0, 1, 1, 1);
    private static readonly Pool2dGeometry Pool = new(2, 4, 3, 2, 1, 2, 2, 2, 2, 0, 0);
    private static readonly Pool2dGeometry Adaptive = new(2, 4, 3, 3, 2, 0, 0, 0, 0, 0, 0);

    private static Tensor X(IBackend b) => Torch.FromArray(new[] { 0.5, -1.25, 2, -0.75, 3, 0.1 }).View([2, 3]).To(b.Device);
    private static Tensor Y(IBackend b) => Torch.FromArray(new[] { -2.0, 0.5, 1.5, 4, -0.25, 1 }).View([2, 3]).To(b.Device);
    private static Tensor Out(IBackend b) => new([2, 3], DType.Float64, b.Device);
    private static Tensor Square(IBackend b) => Torch.Arange(9, DType.Float64).View([3, 3]).To(b.Device);

    /// <summary>Runs a member that writes into a destination and returns the destination.</summary>
    private static Tensor Into(IBackend b, Action<Tensor, Tensor> run)
    {
        var d = Out(b);
        run(X(b), d);
        return d;
    }
    private static Tensor Offsets(IBackend b, params long[] shape) => Torch.FromArray(new long[] { 1, 0, 0, 2, -3, -1 }).View(shape).To(b.Device);
    private static Tensor Targets(IBackend b) => Torch.FromArray(new long[] { 2, 0 }).To(b.Device);
    private static Tensor Image(IBackend b) => Torch.Arange(24, DType.Float64).View([1, 2, 4, 3]).Cos().To(b.Device);
    private static Tensor Kernel(IBackend b) => Torch.Arange(12, DType.Float64).View([3, 2, 2, 1]).Sin().To(b.Device);

    private static Tensor Fill(IBackend b, Action<Tensor, Generator> fill)
    {
        var t = new Tensor([7], DType.Float64, b.Device);
        fill(t, new Generator(3));
        return t;
    }

    [Fact]
    public void Every_contract_member_has_a_parity_row()
    {
        var missing = ContractMembers().Where(m => !Rows.ContainsKey(m)).ToArray();
        Assert.True(missing.Length == 0, $"IBackend members without a parity row: {string.Join(", ", missing)}");
        var stale = Rows.Keys.Where(k => !ContractMembers().Contains(k)).ToArray();
        Assert.True(stale.Length == 0, $"parity rows for members IBackend no longer has: {string.Join(", ", stale)}");
    }

    public static TheoryData<string> Members() => [.. ContractMembers()];

    [Theory, MemberData(nameof(Members))]
    public void Member_runs_on_ilgpu_cpu_and_matches_the_cpu(string member)
    {
        Assert.True(Rows.TryGetValue(member, out var row), $"no parity row for {member}");
        var expected = row(Cpu);
        Tensor actual;
        try
        {
            actual = row(Gpu);
        }
        catch (NotSupportedException e)
        {
            Assert.Fail($"{member} is not supported on ilgpu-cpu: {e.Message}");
            return;
        }
        Assert.Equal(UnderTest, actual.Device);
        AssertClose(expected, actual.Cpu(), 1e-12);
    }

    /// <summary>p ← p − g/2: a rule that touches only the parameter and its gradient.</summary>
    private readonly struct HalfStep : IFusedUpdate<double>
    {
        public void Apply(ref Vector<double> p, Vector<double> g, ref Vector<double> a, ref Vector<double> b, ref Vector<double> c) => p -= g * 0.5;
    }

    // Public: ILGPU's launcher assembly must see the type of a kernel argument.
    public readonly struct HalfStepElement : IElementUpdate<double>
    {
        public void Apply(ref double p, double g, ref double a, ref double b, ref double c) => p -= g * 0.5;
    }
}
