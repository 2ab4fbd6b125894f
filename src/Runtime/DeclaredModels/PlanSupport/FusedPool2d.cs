using System.ComponentModel;
using StaticNet.Kernels;

namespace StaticNet.Fused;

/// <summary>
/// The sizes of one pooling step of a fused plan, fixed at compile time: <c>[C, H, W] → [C, OH, OW]</c> per sample with
/// a KH×KW window (the generated code keeps one in a static field; the batch is given per call).
/// </summary>
/// <remarks>Public because generated code lives in the user's assembly; not meant to be used by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct FusedPool2d
{
    private readonly int _c, _h, _w, _oh, _ow, _kh, _kw, _sh, _sw, _ph, _pw, _dh, _dw;

    /// <summary>Creates the sizes (already checked by the compiler's shape inference).</summary>
    /// <param name="channels">C.</param>
    /// <param name="height">H.</param>
    /// <param name="width">W.</param>
    /// <param name="outHeight">OH.</param>
    /// <param name="outWidth">OW.</param>
    /// <param name="kernelH">KH.</param>
    /// <param name="kernelW">KW.</param>
    /// <param name="strideH">The vertical step.</param>
    /// <param name="strideW">The horizontal step.</param>
    /// <param name="padH">Rows of padding on each side.</param>
    /// <param name="padW">Columns of padding on each side.</param>
    /// <param name="dilationH">Vertical spacing of window elements (max pooling only).</param>
    /// <param name="dilationW">Horizontal spacing of window elements (max pooling only).</param>
    /// <param name="countIncludePad">Average pooling: padding counts in the divisor (PyTorch's default).</param>
    public FusedPool2d(int channels, int height, int width, int outHeight, int outWidth, int kernelH, int kernelW, int strideH, int strideW,
        int padH, int padW, int dilationH = 1, int dilationW = 1, bool countIncludePad = true)
    {
        (_c, _h, _w, _oh, _ow, _kh, _kw, _sh, _sw, _ph, _pw, _dh, _dw) =
            (channels, height, width, outHeight, outWidth, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW);
        CountIncludePad = countIncludePad;
    }

    /// <summary>Average pooling: padding counts in the divisor.</summary>
    public bool CountIncludePad { get; }

    /// <summary>Elements of one sample's input.</summary>
    public int InputSize => _c * _h * _w;

    /// <summary>Elements of one sample's output.</summary>
    public int OutputSize => _c * _oh * _ow;

    internal Pool2dGeometry At(int batch) => new(checked(batch * _c), _h, _w, _oh, _ow, _kh, _kw, _sh, _sw, _ph, _pw, _dh, _dw);
}
