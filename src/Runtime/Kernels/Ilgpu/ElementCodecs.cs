namespace StaticNet.Kernels.Ilgpu;

/// <summary>
/// Conversion between element types inside kernels. The generic <c>INumber.CreateTruncating</c> branches on
/// <c>typeof</c>, which ILGPU cannot compile, so each dtype gets a codec with concrete casts through double
/// (exact for every value of the 32-bit types; Int64 beyond 2^53 converts within double's precision).
/// </summary>
internal interface IElementCodec<T> where T : unmanaged
{
    static abstract double ToDouble(T x);
    static abstract T FromDouble(double x);
}

internal readonly struct Float32Codec : IElementCodec<float>
{
    public static double ToDouble(float x) => x;
    public static float FromDouble(double x) => (float)x;
}

internal readonly struct Float64Codec : IElementCodec<double>
{
    public static double ToDouble(double x) => x;
    public static double FromDouble(double x) => x;
}

internal readonly struct Int64Codec : IElementCodec<long>
{
    public static double ToDouble(long x) => x;
    public static long FromDouble(double x) => (long)x;
}

internal readonly struct Int32Codec : IElementCodec<int>
{
    public static double ToDouble(int x) => x;
    public static int FromDouble(double x) => (int)x;
}

internal readonly struct UInt8Codec : IElementCodec<byte>
{
    public static double ToDouble(byte x) => x;
    public static byte FromDouble(double x) => (byte)(long)x;
}

/// <summary>Bool as a byte: any non-zero value (NaN included, as in PyTorch) is true.</summary>
internal readonly struct BoolCodec : IElementCodec<byte>
{
    public static double ToDouble(byte x) => x;
    public static byte FromDouble(double x) => x != 0 ? (byte)1 : (byte)0;
}
