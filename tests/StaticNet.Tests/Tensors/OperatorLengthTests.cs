using StaticNet.Kernels;

namespace StaticNet.Tests.Tensors;

/// <summary>
/// The SIMD span forms of the element-wise operators against their scalar forms for every length 0..256, which
/// covers each vector width and every tail (as System.Numerics.Tensors' own tests do).
/// </summary>
public class OperatorLengthTests
{
    public static IEnumerable<object[]> Lengths => Enumerable.Range(0, 257).Where(n => n < 40 || n % 7 == 0 || n == 256).Select(n => new object[] { n });

    private static float[] Data(int n, int seed, float offset = 0)
    {
        var r = new System.Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() * 4 - 2) + offset).ToArray();
    }

    private static void Binary<TOp>(int n) where TOp : IBinaryOperator
    {
        var x = Data(n, 1);
        var y = Data(n, 2, offset: 0.1f);
        var d = new float[n];
        TOp.Invoke<float>(x, y, d);
        for (int i = 0; i < n; i++) Assert.Equal(TOp.Invoke(x[i], y[i]), d[i], 1e-6f);
        TOp.Invoke<float>(x, 1.5f, d);
        for (int i = 0; i < n; i++) Assert.Equal(TOp.Invoke(x[i], 1.5f), d[i], 1e-6f);
        TOp.Invoke<float>(1.5f, y, d);
        for (int i = 0; i < n; i++) Assert.Equal(TOp.Invoke(1.5f, y[i]), d[i], 1e-6f);
    }

    private static void Unary<TOp>(int n) where TOp : IUnaryOperator
    {
        var x = Data(n, 3);
        var d = new float[n];
        TOp.Invoke<float>(x, d);
        for (int i = 0; i < n; i++) Assert.Equal(TOp.Invoke(x[i]), d[i]);
    }

    private static void Float<TOp>(int n, float offset = 0, float tolerance = 2e-6f) where TOp : IFloatUnaryOperator
    {
        var x = Data(n, 4, offset);
        var d = new float[n];
        TOp.Invoke<float>(x, d);
        for (int i = 0; i < n; i++)
        {
            var expected = TOp.Invoke(x[i]);
            Assert.True(Math.Abs(expected - d[i]) <= tolerance * Math.Max(1, Math.Abs(expected)), $"length {n}, element {i}: {d[i]} vs {expected}");
        }
    }

    [Theory, MemberData(nameof(Lengths))]
    public void ArithmeticSpanFormsMatchScalarForms(int n)
    {
        Binary<AddOperator>(n);
        Binary<SubtractOperator>(n);
        Binary<MultiplyOperator>(n);
        Binary<DivideOperator>(n);
        Binary<MaximumOperator>(n);
        Binary<MinimumOperator>(n);
    }

    [Theory, MemberData(nameof(Lengths))]
    public void UnarySpanFormsMatchScalarForms(int n)
    {
        Unary<NegateOperator>(n);
        Unary<AbsOperator>(n);
        Unary<ReluOperator>(n);
        Unary<SignOperator>(n);
    }

    [Theory, MemberData(nameof(Lengths))]
    public void TranscendentalSpanFormsMatchScalarForms(int n)
    {
        Float<ExpOperator>(n);
        Float<LogOperator>(n, offset: 2.5f);
        Float<SqrtOperator>(n, offset: 2.5f);
        Float<SinOperator>(n);
        Float<CosOperator>(n);
        Float<TanhOperator>(n);
        Float<SigmoidOperator>(n);
        Float<FloorOperator>(n, tolerance: 0);
        Float<CeilOperator>(n, tolerance: 0);
        Float<RoundOperator>(n, tolerance: 0);
    }

    [Theory, MemberData(nameof(Lengths))]
    public void PowSpecialExponentsMatchScalarForm(int n)
    {
        var x = Data(n, 5, offset: 2.5f);
        var d = new float[n];
        foreach (var e in new[] { 1f, 2f, 0.5f, 3f })
        {
            PowOperator.Invoke<float>(x, e, d);
            for (int i = 0; i < n; i++) Assert.Equal(PowOperator.Invoke(x[i], e), d[i], 1e-5f);
        }
    }
}
