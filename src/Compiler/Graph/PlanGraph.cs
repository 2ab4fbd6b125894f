using StaticNet.Compiler.Model;
using StaticNet.Compiler.Shapes;

namespace StaticNet.Compiler.Graph;

/// <summary>An element-wise activation of a plan; the names are those of the runtime's <c>StaticNet.Fused.FusedActivation</c>.</summary>
internal enum Activation
{
    None,
    Relu,
    Sigmoid,
    Tanh,
}

/// <summary>
/// How generated code reaches a layer module from the model: <c>Layers.Conv1</c>, or element <see cref="Index"/> of a
/// Sequential (<c>Layers.Stack[2]</c>, cast to <see cref="TypeName"/>); <see cref="Name"/> is its PyTorch name, the full
/// path from the model (<c>layer1.0.conv1</c>). A module of an inlined block is reached through that block's own
/// <c>Layers</c>: <see cref="Owner"/> is the block (null for the model's own layers).
/// </summary>
internal sealed record ModuleRef(string Member, int Index, string TypeName, string Name)
{
    /// <summary>The inlined block whose layer this is, or null for a layer of the model itself.</summary>
    public ModuleRef? Owner { get; init; }

    /// <summary>True for a declared model used as a layer: <see cref="TypeName"/> is then its full name, not a StaticNet.NN type.</summary>
    public bool IsBlock { get; init; }
}

/// <summary>
/// One node of the value graph: it reads the values <see cref="Inputs"/> and writes the value <see cref="Output"/>.
/// Values are row-major buffers of <c>batch × per-sample size</c> elements (NCHW for images); View and Flatten are not
/// ops: they name the same value with another shape.
/// </summary>
internal abstract record PlanOp
{
    public EquatableArray<int> Inputs { get; init; } = EquatableArray<int>.Empty;

    public int Output { get; init; }

    /// <summary>
    /// Each input's sample as this op sees it at the declared input size: the producer's shape, or the shape a Flatten or
    /// View between them gave it. The plan computes the producer's shape at run time; where the two differ it checks
    /// that the view still holds.
    /// </summary>
    public EquatableArray<EquatableArray<long>> InputSamples { get; init; } = EquatableArray<EquatableArray<long>>.Empty;
}

/// <summary>An op with parameters: a weight slot and a bias slot (kept even without a bias) among the recorded inputs (0 is x).</summary>
internal abstract record ParameterOp(ModuleRef Module, bool Bias, Activation Activation) : PlanOp
{
    /// <summary>The position of the weight among the recorded inputs; the bias follows it.</summary>
    public int WeightSlot { get; init; }
}

/// <summary>A Linear as one GEMM, its bias and (when its output has no other consumer) the activation after it as an epilogue.</summary>
internal sealed record LinearOp(ModuleRef Module, long In, long Out, bool Bias, Activation Activation) : ParameterOp(Module, Bias, Activation);

/// <summary>A Conv2d (groups 1) of a [C, H, W] sample, with its bias and activation as an epilogue.</summary>
internal sealed record Conv2dOp(ModuleRef Module, long Channels, long Height, long Width, bool Bias, Activation Activation)
    : ParameterOp(Module, Bias, Activation);

/// <summary>The sizes of a 2-D pooling of one sample, <c>[C, H, W] → [C, OutHeight, OutWidth]</c>.</summary>
internal readonly record struct PoolGeometry(long Channels, long Height, long Width, long OutHeight, long OutWidth, long KernelH, long KernelW,
    long StrideH, long StrideW, long PadH, long PadW, long DilationH, long DilationW);

/// <summary>Max pooling (saves its argmax indices) or average pooling (no divisor override).</summary>
internal sealed record Pool2dOp(bool IsMax, string Name, PoolGeometry Geometry, bool CountIncludePad) : PlanOp
{
    /// <summary>PyTorch's ceil_mode: the output size rounds up (the last window may start in the right padding).</summary>
    public bool Ceil { get; init; }

    /// <summary>
    /// An AdaptiveAvgPool2d to <see cref="PoolGeometry.OutHeight"/> × <see cref="PoolGeometry.OutWidth"/>: the kernel
    /// (= stride) is derived from the input's size at run time, where it must divide it.
    /// </summary>
    public bool Adaptive { get; init; }
}

/// <summary>An activation that is not the epilogue of a Linear or Conv2d (after a pooling, or on a value used twice).</summary>
internal sealed record ActivationOp(Activation Activation, string Name) : PlanOp;

/// <summary>Softmax or LogSoftmax over the last dimension: independent rows of <see cref="RowLength"/> elements.</summary>
internal sealed record SoftmaxOp(bool IsLog, long RowLength, string Name) : PlanOp;

/// <summary>Dropout: multiplies by a mask drawn as F.Dropout draws it (ones in evaluation).</summary>
internal sealed record DropoutOp(ModuleRef Module, double P) : PlanOp;

/// <summary>
/// <c>a + b</c> or <c>a * b</c> (a residual connection, a gate): between values of one shape, or broadcasting as the
/// inferred shapes say (<c>[B, C, H, W] + [B, C, 1, 1]</c>, <c>[B, N] * [B, 1]</c>). <see cref="LeftSample"/>,
/// <see cref="RightSample"/> and <see cref="ResultSample"/> are one sample of each, of one rank; a stretched dimension is 1.
/// </summary>
internal sealed record ElementwiseOp(bool IsMultiply, string Source) : PlanOp
{
    public EquatableArray<long> LeftSample { get; init; } = EquatableArray<long>.Empty;

    public EquatableArray<long> RightSample { get; init; } = EquatableArray<long>.Empty;

    public EquatableArray<long> ResultSample { get; init; } = EquatableArray<long>.Empty;

    /// <summary>True when an operand is stretched: the backward sums its gradient over the stretched dimensions.</summary>
    public bool Broadcasts => !LeftSample.Equals(ResultSample) || !RightSample.Equals(ResultSample);
}

/// <summary>
/// <c>Torch.Cat([a, b, ...], dim)</c> along a sample dimension (dim ≥ 1 once negative dims are counted from the end):
/// each sample is <see cref="Rows"/> rows (the product of the dimensions before dim, after the batch), and in each row
/// input k owns <see cref="Parts"/>[k] contiguous elements (its size along dim times the dimensions after it).
/// </summary>
internal sealed record CatOp(long Dim, long Rows, EquatableArray<long> Parts, string Source) : PlanOp;

/// <summary>A value of the graph: its per-sample element count, the op that writes it (−1: the model input), the ops that read it.</summary>
internal sealed record PlanValue(int Id, long SampleSize, int Producer, EquatableArray<int> Consumers)
{
    /// <summary>The sample's shape at the declared input size, as the producer writes it (the model's <c>Input</c> for value 0).</summary>
    public EquatableArray<long> Sample { get; init; } = EquatableArray<long>.Empty;
}

/// <summary>
/// A model's forward pass as a value graph in topological order: value 0 is the input, op k writes value k + 1, and
/// <see cref="Outputs"/> are the values returned, one, or one per item of a tuple (<see cref="OutputSamples"/> their
/// per-sample shapes). <see cref="PlanValue.Consumers"/> of a value list each use by an op (an op reading it twice is
/// listed twice), so the backward knows where gradients add; a returned value may also be read by ops (seed 003's hidden).
/// </summary>
internal sealed record PlanGraph(EquatableArray<PlanOp> Ops, EquatableArray<PlanValue> Values, EquatableArray<int> Outputs,
    EquatableArray<EquatableArray<long>> OutputSamples)
{
    /// <summary>The first (for a single tensor: the only) value returned.</summary>
    public int Output => Outputs[0];

    /// <summary>The first output's per-sample shape.</summary>
    public EquatableArray<long> OutputSample => OutputSamples[0];

    /// <summary>True for a [Forward] returning a tuple: the node has one output per item.</summary>
    public bool ReturnsTuple => Outputs.Count > 1;

    /// <summary>The number of recorded inputs: x, then a weight and a bias slot per Linear and Conv2d.</summary>
    public int InputCount { get; init; }

    /// <summary>
    /// The declared models used as layers whose forward the graph inlines, outermost first: the plan runs only while
    /// the layers of each still fit it (each has its own <c>Layers.PlanFits</c>).
    /// </summary>
    public EquatableArray<ModuleRef> Blocks { get; init; } = EquatableArray<ModuleRef>.Empty;
}

/// <summary>What lowering found: the graph, or the first construct that blocks it (SN0104, reported by the analyzers).</summary>
internal sealed record LoweringResult(PlanGraph? Graph, DiagnosticInfo? Blocker);

/// <summary>A model ready to emit: its inferred shapes and its lowered graph (or why it has none).</summary>
internal sealed record LoweredModel(InferredModel Inferred, LoweringResult Lowering);
