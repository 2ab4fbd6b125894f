using System.Runtime.Intrinsics;

namespace StaticNet;

/// <summary>
/// The float log and sin/cos that PyTorch's AVX2 normal kernel uses (<c>log256_ps</c> and <c>sincos256_ps</c>
/// from avx_mathfun.h, Giovanni Garberoglio's AVX port of Julien Pommier's Cephes-based sse_mathfun, zlib
/// licence), step for step, so that float32 <c>randn</c> reproduces PyTorch's numbers bit for bit.
/// </summary>
/// <remarks>
/// Every operation is an IEEE single-precision add, multiply, fused multiply-add or bit operation on each lane
/// independently, so the results do not depend on whether <see cref="Vector256"/> is hardware-accelerated. PyTorch
/// compiles this code with FMA enabled and GCC's default contraction, which fuses a multiply into the add that
/// consumes it; the fused steps below are the ones GCC forms (a multiply whose result feeds only an add/sub, first
/// such multiply in program order), and they reproduce PyTorch's output bit for bit (checked on 100,003 values).
/// The constants are C double literals rounded to float, as the C source initialises them.
/// </remarks>
internal static class AvxMathFun
{
    private static readonly Vector256<float> One = Vector256.Create(1.0f), Half = Vector256.Create(0.5f);
    private static readonly Vector256<float> MinNormPos = Vector256.Create(0x00800000).AsSingle();
    private static readonly Vector256<float> InvMantMask = Vector256.Create(~0x7f800000).AsSingle();
    private static readonly Vector256<float> SignMask = Vector256.Create(unchecked((int)0x80000000)).AsSingle();
    private static readonly Vector256<float> InvSignMask = Vector256.Create(~unchecked((int)0x80000000)).AsSingle();

    private static Vector256<float> C(double value) => Vector256.Create((float)value);

    private static readonly Vector256<float> SqrtHf = C(0.707106781186547524);
    private static readonly Vector256<float> LogP0 = C(7.0376836292E-2), LogP1 = C(-1.1514610310E-1), LogP2 = C(1.1676998740E-1);
    private static readonly Vector256<float> LogP3 = C(-1.2420140846E-1), LogP4 = C(1.4249322787E-1), LogP5 = C(-1.6668057665E-1);
    private static readonly Vector256<float> LogP6 = C(2.0000714765E-1), LogP7 = C(-2.4999993993E-1), LogP8 = C(3.3333331174E-1);
    private static readonly Vector256<float> LogQ1 = C(-2.12194440e-4), LogQ2 = C(0.693359375);

    private static readonly Vector256<float> MinusDp1 = C(-0.78515625), MinusDp2 = C(-2.4187564849853515625e-4);
    private static readonly Vector256<float> MinusDp3 = C(-3.77489497744594108e-8);
    private static readonly Vector256<float> SinP0 = C(-1.9515295891E-4), SinP1 = C(8.3321608736E-3), SinP2 = C(-1.6666654611E-1);
    private static readonly Vector256<float> CosP0 = C(2.443315711809948E-005), CosP1 = C(-1.388731625493765E-003);
    private static readonly Vector256<float> CosP2 = C(4.166664568298827E-002);
    private static readonly Vector256<float> FourOverPi = C(1.27323954473516);

    private static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);

    /// <summary>Natural logarithm of 8 floats (<c>log256_ps</c>); NaN for x &lt;= 0.</summary>
    public static Vector256<float> Log(Vector256<float> x)
    {
        var invalid = Vector256.LessThanOrEqual(x, Vector256<float>.Zero);
        x = Vector256.Max(x, MinNormPos); // cut off denormals
        var imm0 = Vector256.ShiftRightLogical(x.AsInt32(), 23);
        // Keep the mantissa, as a value in [0.5, 1); the exponent becomes e.
        x = (x & InvMantMask) | Half;
        imm0 -= Vector256.Create(0x7f);
        var e = Vector256.ConvertToSingle(imm0) + One;

        // If x < sqrt(1/2): e -= 1, x = x + x - 1; else x = x - 1.
        var mask = Vector256.LessThan(x, SqrtHf);
        var tmp = x & mask;
        x -= One;
        e -= One & mask;
        x += tmp;

        var z = x * x;
        var y = Fma(LogP0, x, LogP1);
        y = Fma(y, x, LogP2);
        y = Fma(y, x, LogP3);
        y = Fma(y, x, LogP4);
        y = Fma(y, x, LogP5);
        y = Fma(y, x, LogP6);
        y = Fma(y, x, LogP7);
        y = Fma(y, x, LogP8);
        y *= x;
        y = Fma(y, z, e * LogQ1);
        y = Fma(-z, Half, y);
        x += y;
        x = Fma(e, LogQ2, x);
        return x | invalid; // non-positive input gives NaN
    }

    /// <summary>Sine and cosine of 8 floats at once (<c>sincos256_ps</c>), accurate for |x| below 8192.</summary>
    public static void SinCos(Vector256<float> x, out Vector256<float> sin, out Vector256<float> cos)
    {
        var signBitSin = x & SignMask;
        x &= InvSignMask;

        // j = (int)(x * 4/pi), rounded up to even: the octant, which selects polynomial and signs.
        var j = Vector256.ConvertToInt32(x * FourOverPi);
        j = (j + Vector256.Create(1)) & Vector256.Create(~1);
        var y = Vector256.ConvertToSingle(j);

        var swapSignBitSin = Vector256.ShiftLeft(j & Vector256.Create(4), 29).AsSingle();
        var polyMask = Vector256.Equals(j & Vector256.Create(2), Vector256<int>.Zero).AsSingle();

        // Extended-precision reduction: x = ((x - y*DP1) - y*DP2) - y*DP3.
        x = Fma(y, MinusDp1, x);
        x = Fma(y, MinusDp2, x);
        x = Fma(y, MinusDp3, x);

        var jc = j - Vector256.Create(2);
        var signBitCos = Vector256.ShiftLeft(~jc & Vector256.Create(4), 29).AsSingle();
        signBitSin ^= swapSignBitSin;

        // Cosine polynomial (first octant).
        var z = x * x;
        y = Fma(CosP0, z, CosP1);
        y = Fma(y, z, CosP2);
        y *= z;
        y = Fma(y, z, -(z * Half));
        y += One;

        // Sine polynomial.
        var y2 = Fma(SinP0, z, SinP1);
        y2 = Fma(y2, z, SinP2);
        y2 *= z;
        y2 = Fma(y2, x, x);

        var ysin2 = polyMask & y2;
        var ysin1 = Vector256.AndNot(y, polyMask); // y & ~mask
        y2 -= ysin2;
        y -= ysin1;
        sin = (ysin1 + ysin2) ^ signBitSin;
        cos = (y + y2) ^ signBitCos;
    }
}
