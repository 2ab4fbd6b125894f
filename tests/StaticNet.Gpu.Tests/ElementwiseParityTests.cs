using static StaticNet.Gpu.Tests.Parity;

namespace StaticNet.Gpu.Tests;

/// <summary>Element-wise kernels on ilgpu-cpu against the CPU backend: odd sizes, broadcast and transposed operands, both float dtypes.</summary>
public class ElementwiseParityTests
{
    public static TheoryData<DType, int> Cases()
    {
        var data = new TheoryData<DType, int>();
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            foreach (var n in OddSizes) data.Add(dtype, n);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public void Binary_ops_match_with_broadcasting_and_transposes(DType dtype, int n)
    {
        var a = Random(dtype, n, 3);
        var b = Random(dtype, 3);                 // broadcasts over rows
        var c = Random(dtype, 3, n);              // read transposed: not contiguous
        double tol = Tol(dtype);
        Check(t => t[0] + t[1], tol, a, b);
        Check(t => t[0] - t[1].T, tol, a, c);
        Check(t => t[0] * t[1], tol, a, b);
        Check(t => t[0] / (t[1].Abs() + 1), tol, a, b);
        Check(t => Torch.Maximum(t[0], t[1].T), tol, a, c);
        Check(t => Torch.Minimum(t[0], t[1]), tol, a, b);
        Check(t => t[0] * 2.5 - 1, tol, a);       // C# numbers meet a device tensor
    }

    [Theory, MemberData(nameof(Cases))]
    public void Unary_and_floating_ops_match(DType dtype, int n)
    {
        var a = Random(dtype, 2, n);
        double tol = Tol(dtype, f32: 2e-5);
        Check(t => -t[0], tol, a);
        Check(t => t[0].Abs(), tol, a);
        Check(t => t[0].Relu(), tol, a);
        Check(t => t[0].Sign(), tol, a);
        Check(t => t[0].Exp(), tol, a);
        Check(t => (t[0].Abs() + 0.5).Log(), tol, a);
        Check(t => t[0].Abs().Sqrt(), tol, a);
        Check(t => t[0].T.Tanh(), tol, a);
        Check(t => t[0].Sigmoid(), tol, a);
        Check(t => t[0].Sin(), tol, a);
        Check(t => t[0].Cos(), tol, a);
        Check(t => (t[0] * 3).Floor(), tol, a);
        Check(t => (t[0] * 3).Ceil(), tol, a);
        Check(t => (t[0] * 3).Round(), tol, a);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Comparisons_and_where_match(DType dtype, int n)
    {
        var a = Random(dtype, n, 2);
        var b = Random(dtype, 2);
        Check(t => t[0] > t[1], 0, a, b);
        Check(t => t[0].Lt(t[1]), 0, a, b);
        Check(t => t[0].Eq(t[0]), 0, a);
        Check(t => t[0].Ne(t[1]), 0, a, b);
        Check(t => t[0].Le(t[1]), 0, a, b);
        Check(t => t[0].Ge(t[1]), 0, a, b);
        Check(t => Torch.Where(t[0] > t[1], t[0], t[1]), 0, a, b);
    }

    [Fact]
    public void Integer_arithmetic_matches()
    {
        var a = Torch.Arange(0, 33, dtype: DType.Int64).View(3, 11);
        var b = Torch.Arange(1, 12, dtype: DType.Int64);
        Check(t => t[0] * t[1] + t[0], 0, a, b);
        Check(t => t[0].Neg().Abs(), 0, a);
        var i = Torch.Arange(0, 7, dtype: DType.Int32);
        Check(t => t[0] - t[0] * t[0], 0, i);
    }

    [Fact]
    public void In_place_ops_write_through_views_on_the_device()
    {
        var x = Random(DType.Float32, 4, 7);
        var g = x.To(UnderTest);
        g.Narrow(1, 2, 3).Mul_(Torch.Tensor(2.0));
        g.Select(0, 1).Add_(1);
        x.Narrow(1, 2, 3).Mul_(Torch.Tensor(2.0));
        x.Select(0, 1).Add_(1);
        AssertClose(x, g.Cpu(), 0);
    }
}
