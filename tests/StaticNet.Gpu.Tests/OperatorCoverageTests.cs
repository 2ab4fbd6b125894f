using System.Reflection;
using StaticNet.Kernels;
using static StaticNet.Gpu.Tests.Parity;

namespace StaticNet.Gpu.Tests;

/// <summary>
/// Every operator struct of the element-wise and reduction contracts (found by reflection, so a new one is covered the
/// day it is written) runs through its backend member on ilgpu-cpu, Float32 and Float64 at an odd size, and matches
/// the CPU backend: no tensor op built on an operator lacks an ILGPU kernel.
/// </summary>
public class OperatorCoverageTests
{
    private static readonly IBackend Gpu = Backends.For(UnderTest);

    /// <summary>The operator families and the backend member each runs through.</summary>
    private static readonly (Type Family, string Member)[] Families =
    [
        (typeof(IBinaryOperator), nameof(IBackend.Binary)),
        (typeof(IUnaryOperator), nameof(IBackend.Unary)),
        (typeof(IFloatUnaryOperator), nameof(IBackend.FloatUnary)),
        (typeof(ICompareOperator), nameof(IBackend.Compare)),
        (typeof(IReduceOperator), nameof(IBackend.Reduce)),
        (typeof(IArgReduceOperator), nameof(IBackend.ArgReduce)),
    ];

    private static IEnumerable<(Type Operator, Type Family, string Member)> Operators() =>
        from type in typeof(IBackend).Assembly.GetTypes()
        where type.IsValueType && !type.IsGenericTypeDefinition
        from family in Families
        where family.Family.IsAssignableFrom(type)
        select (type, family.Family, family.Member);

    public static TheoryData<string, DType> Cases()
    {
        var data = new TheoryData<string, DType>();
        foreach (var (op, _, _) in Operators())
            foreach (var dtype in new[] { DType.Float32, DType.Float64 }) data.Add(op.Name, dtype);
        return data;
    }

    [Fact]
    public void Every_family_has_operators() =>
        Assert.All(Families, f => Assert.Contains(Operators(), o => o.Family == f.Family));

    [Theory, MemberData(nameof(Cases))]
    public void Operator_runs_on_ilgpu_cpu_and_matches_the_cpu(string name, DType dtype)
    {
        var (op, family, member) = Operators().Single(o => o.Operator.Name == name);
        var x = Random(dtype, 3, 7);
        // All and any are defined over Bool data (0 or 1), which the tensor ops hand them.
        if (op == typeof(AllOperator) || op == typeof(AnyOperator)) x = (x > -0.5).To(dtype);
        var y = Random(dtype, 7) + 0.25;   // broadcast over rows
        var expected = Run(Backends.Cpu, op, family, member, dtype, x, y);
        var actual = Run(Gpu, op, family, member, dtype, x.To(UnderTest), y.To(UnderTest));
        Assert.Equal(UnderTest, actual.Device);
        AssertClose(expected, actual.Cpu(), Tol(dtype, f32: 2e-5));
    }

    private static Tensor Run(IBackend backend, Type op, Type family, string member, DType dtype, Tensor x, Tensor y)
    {
        var t = dtype == DType.Float32 ? typeof(float) : typeof(double);
        var method = typeof(IBackend).GetInterfaces().Append(typeof(IBackend))
            .Select(i => i.GetMethod(member)).First(m => m is not null)!.MakeGenericMethod(t, op);
        var device = backend.Device;
        if (family == typeof(IBinaryOperator)) return Into(new Tensor([3, 7], dtype, device), d => method.Invoke(backend, [x, y.Expand(3, 7), d]));
        if (family == typeof(IUnaryOperator) || family == typeof(IFloatUnaryOperator)) return Into(new Tensor([3, 7], dtype, device), d => method.Invoke(backend, [x, d]));
        if (family == typeof(ICompareOperator)) return Into(new Tensor([3, 7], DType.Bool, device), d => method.Invoke(backend, [x, y.Expand(3, 7), d]));
        if (family == typeof(IReduceOperator)) return Into(new Tensor([3], dtype, device), d => method.Invoke(backend, [x, new[] { false, true }, d]));
        var (values, indices) = (new Tensor([7], dtype, device), new Tensor([7], DType.Int64, device));
        method.Invoke(backend, [x, 0, values, indices]);
        return Torch.Cat([values, indices.To(dtype)]);
    }

    private static Tensor Into(Tensor destination, Action<Tensor> run)
    {
        try
        {
            run(destination);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
        return destination;
    }
}
