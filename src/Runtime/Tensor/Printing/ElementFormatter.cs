using System.Globalization;
using StaticNet.Kernels;

namespace StaticNet;

/// <summary>
/// Formats the elements of one tensor to a common width (PyTorch's <c>torch._tensor_str._Formatter</c>). The mode
/// and width are chosen once from the visible elements, so every printed element lines up.
/// </summary>
/// <remarks>
/// Floating tensors print in one of three modes. Integer mode (<c>1.</c>, <c>-3.</c>) when every finite non-zero
/// value is a whole number; scientific (<c>1.0000e-05</c>) when the non-zero finite magnitudes span more than a
/// factor of 1000, exceed 1e8, or (outside integer mode) fall below 1e-4; fixed (<c>2.5000</c>) otherwise. Only the
/// finite non-zero values decide the width, so zeros, <c>nan</c> and <c>inf</c> never widen a column and
/// <c>-0.0000</c> can stick out by one character, exactly as in PyTorch.
/// </remarks>
internal sealed class ElementFormatter
{
    private readonly Storage _storage;
    private readonly bool _floating;
    private readonly int _precision;
    private readonly bool _intMode = true;
    private readonly bool _sciMode;

    /// <param name="storage">The CPU storage the offsets index.</param>
    /// <param name="offsets">Storage offsets of the elements that will be printed (after summarization).</param>
    /// <param name="options">The print options in force.</param>
    public ElementFormatter(Storage storage, IReadOnlyList<long> offsets, PrintOptions options)
    {
        _storage = storage;
        _floating = storage.DType.IsFloatingPoint();
        _precision = options.Precision;
        Width = 1;

        if (!_floating)
        {
            foreach (var offset in offsets)
                Width = Math.Max(Width, Integral(offset).Length);
            return;
        }

        var values = new List<double>();
        double min = double.PositiveInfinity, max = 0;
        foreach (var offset in offsets)
        {
            double v = Floating(offset);
            if (v == 0 || !double.IsFinite(v)) continue;
            values.Add(v);
            min = Math.Min(min, Math.Abs(v));
            max = Math.Max(max, Math.Abs(v));
            if (v != Math.Ceiling(v)) _intMode = false;
        }
        // PyTorch returns before applying the sci_mode option here, so an all-zero tensor ignores it.
        if (values.Count == 0) return;

        bool wideRange = max / min > 1000.0 || max > 1.0e8;
        if (wideRange || (!_intMode && min < 1.0e-4))
        {
            _sciMode = true;
            foreach (var v in values) Width = Math.Max(Width, PythonFloatFormat.Scientific(v, _precision).Length);
        }
        else if (_intMode)
        {
            foreach (var v in values) Width = Math.Max(Width, PythonFloatFormat.Fixed(v, 0).Length + 1); // + the "."
        }
        else
        {
            foreach (var v in values) Width = Math.Max(Width, PythonFloatFormat.Fixed(v, _precision).Length);
        }
        if (options.SciMode is { } forced) _sciMode = forced;
    }

    /// <summary>The width every formatted element is padded to (on the left).</summary>
    public int Width { get; }

    /// <summary>The element at a storage offset, padded on the left to <see cref="Width"/>.</summary>
    public string Format(long offset)
    {
        string text;
        if (!_floating) text = Integral(offset);
        else
        {
            double v = Floating(offset);
            if (_sciMode) text = PythonFloatFormat.Scientific(v, _precision);
            else if (_intMode) text = double.IsFinite(v) ? PythonFloatFormat.Fixed(v, 0) + "." : PythonFloatFormat.Fixed(v, 0);
            else text = PythonFloatFormat.Fixed(v, _precision);
        }
        return text.Length >= Width ? text : text.PadLeft(Width);
    }

    // Float32 widens to double exactly, so formatting the double prints the float's own digits, as PyTorch's
    // tolist() does.
    private double Floating(long offset) => _storage.DType == DType.Float32
        ? _storage.Raw<float>()[(int)offset]
        : _storage.Raw<double>()[(int)offset];

    // Integers are printed from their own type: an Int64 near long.MaxValue would lose digits through double.
    private string Integral(long offset) => _storage.DType switch
    {
        DType.Int64 => _storage.Raw<long>()[(int)offset].ToString(CultureInfo.InvariantCulture),
        DType.Int32 => _storage.Raw<int>()[(int)offset].ToString(CultureInfo.InvariantCulture),
        DType.UInt8 => _storage.Raw<byte>()[(int)offset].ToString(CultureInfo.InvariantCulture),
        DType.Bool => _storage.Raw<byte>()[(int)offset] != 0 ? "True" : "False",
        _ => throw new InvalidOperationException($"Tensor printing: no integer format for dtype {_storage.DType.PyTorchName()}."),
    };
}
