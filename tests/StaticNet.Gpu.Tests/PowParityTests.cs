using static StaticNet.Gpu.Tests.Parity;

namespace StaticNet.Gpu.Tests;

/// <summary>
/// pow on ilgpu-cpu against the CPU backend: tensor and number exponents (and a number base), broadcast and transposed
/// operands, odd sizes, Float32 and Float64, the integer kernel, and both backward nodes (PowBackward0, PowBackward1).
/// </summary>
public class PowParityTests
{
    public static TheoryData<DType, int> Cases() => ElementwiseParityTests.Cases();

    [Theory, MemberData(nameof(Cases))]
    public void Pow_matches_for_tensor_and_number_exponents(DType dtype, int n)
    {
        var a = Random(dtype, n, 3);
        var b = Random(dtype, 3);                 // broadcasts over rows
        var c = Random(dtype, 3, n);              // read transposed: not contiguous
        double tol = Tol(dtype, f32: 1e-5);
        Check(t => (t[0].Abs() + 0.1).Pow(t[1]), tol, a, b);
        Check(t => t[0].Pow(t[1].T), tol, a, c);  // negative bases to fractional powers: NaN on both devices
        Check(t => t[0].Pow(2), tol, a);
        Check(t => t[0].Pow(3L), tol, a);
        Check(t => t[0].Pow(0.5), tol, a);
        Check(t => (t[0].Abs() + 0.1).Pow(-1.5), tol, a);
        Check(t => t[0].Pow(0), 0, a);
        Check(t => Torch.Pow(2.0, t[0]), tol, a);
        Check(t => (t[0].Abs() + 0.1).Pow_(t[1]), tol, a, b);
        Check(t => t[0].Pow(Torch.Tensor(new[] { 0.0, 1, -2 }, dtype: dtype).To(t[0].Device)), tol, a);
    }

    [Fact]
    public void Integer_pow_matches_and_refuses_negative_exponents()
    {
        var a = Torch.Arange(-3, 4, dtype: DType.Int64).View(7, 1);
        var e = Torch.Arange(0, 6, dtype: DType.Int64);
        Check(t => t[0].Pow(t[1]), 0, a, e);
        Check(t => t[0].Pow(3L), 0, a);
        Check(t => t[0].To(DType.Int32).Pow(t[1].To(DType.Int32)), 0, a, e);
        Check(t => Torch.Pow(2L, t[0]), 0, e);
        Check(t => (t[0] * 1000).Pow(7L), 0, a);   // wraps as PyTorch's int64 pow does
        var onDevice = a.To(UnderTest);
        var error = Assert.Throws<ArgumentException>(() => onDevice.Pow(-1L));
        Assert.Contains("negative integer powers", error.Message);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Pow_backward_matches(DType dtype, int n)
    {
        var a = Random(dtype, n, 3).Abs() + 0.1;
        var b = Random(dtype, 3);
        double tol = Tol(dtype, f32: 1e-4);
        Gradients.Check(t => t[0].Pow(t[1]), tol, a, b);        // PowBackward1: both edges, b's gradient summed over rows
        Gradients.Check(t => t[0].Pow(2.5), tol, a);            // PowBackward0
        Gradients.Check(t => Torch.Pow(3.0, t[0]), tol, a);     // a number base: the exponent's edge only
    }
}
