using StaticNet.Autograd;
using StaticNet.Kernels;

namespace StaticNet;

public static partial class F
{
    /// <summary>
    /// x for x &gt; 0, <paramref name="negativeSlope"/>·x otherwise (<c>F.leaky_relu</c>). With <paramref name="inplace"/>
    /// x is overwritten and returned.
    /// </summary>
    /// <param name="x">A floating tensor of any shape.</param>
    /// <param name="negativeSlope">The slope for negative inputs.</param>
    /// <param name="inplace">Overwrite x. Its backward reads the sign from the output, so it needs a non-negative slope.</param>
    public static Tensor LeakyRelu(Tensor x, double negativeSlope = 0.01, bool inplace = false)
    {
        RequireFloating("leaky_relu", x);
        if (!inplace)
        {
            var r = new Tensor(x.ShapeArray, x.DType, x.Device, zeroed: false);
            Backends.Of(x).LeakyRelu(x, negativeSlope, r);
            return Graph.ShouldRecord(x) ? Graph.Record(r, new LeakyReluBackward0(x, negativeSlope), x) : r;
        }
        x.CheckWritable("leaky_relu_");
        bool record = Graph.ShouldRecord(x);
        x.Storage.BumpVersion();
        Backends.Of(x).LeakyRelu(x, negativeSlope, x);
        // Saved after the write: the node reads the result, so its version is the one after this op.
        return record ? Graph.Record(x, new LeakyReluBackward1(x, negativeSlope), x) : x;
    }

    /// <summary>
    /// The Gaussian error linear unit x·Φ(x) (<c>F.gelu</c>); <paramref name="approximate"/> <c>"tanh"</c> uses
    /// ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
    /// </summary>
    /// <param name="x">A floating tensor of any shape.</param>
    /// <param name="approximate"><c>"none"</c> (exact, with erf) or <c>"tanh"</c>.</param>
    public static Tensor Gelu(Tensor x, string approximate = "none")
    {
        bool tanh = GeluUsesTanh(approximate);
        RequireFloating("gelu", x);
        var r = Backends.Of(x).Gelu(x, tanh);
        return Graph.ShouldRecord(x) ? Graph.Record(r, new GeluBackward0(x, tanh), x) : r;
    }

    /// <summary>
    /// exp(x) / Σ exp(x) along <paramref name="dim"/> (<c>F.softmax</c>): every slice along the dimension sums to 1.
    /// Computed with the maximum subtracted first, so large inputs do not overflow.
    /// </summary>
    /// <param name="x">A floating tensor of any shape (integers need <paramref name="dtype"/>).</param>
    /// <param name="dim">The dimension to normalise (negative counts from the end).</param>
    /// <param name="dtype">Convert the input to this dtype first.</param>
    public static Tensor Softmax(Tensor x, int dim, DType? dtype = null) => SoftmaxCore("softmax", x, dim, dtype, log: false);

    /// <summary>
    /// log(softmax(x)) along <paramref name="dim"/> (<c>F.log_softmax</c>), computed as x − max − log Σ exp(x − max)
    /// (log-sum-exp), which stays finite where softmax underflows to 0.
    /// </summary>
    /// <param name="x">A floating tensor of any shape (integers need <paramref name="dtype"/>).</param>
    /// <param name="dim">The dimension to normalise (negative counts from the end).</param>
    /// <param name="dtype">Convert the input to this dtype first.</param>
    public static Tensor LogSoftmax(Tensor x, int dim, DType? dtype = null) => SoftmaxCore("log_softmax", x, dim, dtype, log: true);

    private static Tensor SoftmaxCore(string op, Tensor x, int dim, DType? dtype, bool log)
    {
        var input = dtype is { } dt ? x.To(dt) : x;
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException(
                $"{op}: not implemented for '{Reduction.ScalarTypeName(input.DType)}' (input shape {input.Shape}); " +
                "it needs a floating point input: pass dtype: DType.Float32, or convert with Float().");
        int d = Tensor.NormalizeDim(dim, input.Dim);
        var y = Backends.Of(input).Softmax(input, d, log);
        if (!Graph.ShouldRecord(input)) return y;
        return Graph.Record(y, log ? new LogSoftmaxBackward0(y, d) : new SoftmaxBackward0(y, d), input);
    }

    /// <summary>
    /// The dimension PyTorch picks when softmax is given none (deprecated, with a warning): 0 for 0-, 1- and 3-D
    /// inputs, else 1.
    /// </summary>
    internal static int LegacySoftmaxDim(string name, int rank)
    {
        Warnings.Warn($"Implicit dimension choice for {name} has been deprecated. Change the call to include dim=X as an argument.");
        return rank is 0 or 1 or 3 ? 0 : 1;
    }

    internal static bool GeluUsesTanh(string approximate) => approximate switch
    {
        "none" => false,
        "tanh" => true,
        _ => throw new ArgumentException($"approximate argument must be either none or tanh (got '{approximate}').", nameof(approximate)),
    };

    private static void RequireFloating(string op, Tensor x)
    {
        if (!x.DType.IsFloatingPoint())
            throw new ArgumentException(
                $"{op}: not implemented for '{Reduction.ScalarTypeName(x.DType)}' (input shape {x.Shape}); it needs a floating point input.");
    }
}
