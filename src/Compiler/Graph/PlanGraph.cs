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
internal sealed record Pool2dOp(bool IsMax, string Name, PoolGeometry Geometry, bool CountIncludePad) : PlanOp;

/// <summary>An activation that is not the epilogue of a Linear or Conv2d (after a pooling, or on a value used twice).</summary>
internal sealed record ActivationOp(Activation Activation, string Name) : PlanOp;

/// <summary>Softmax or LogSoftmax over the last dimension: independent rows of <see cref="RowLength"/> elements.</summary>
internal sealed record SoftmaxOp(bool IsLog, long RowLength, string Name) : PlanOp;

/// <summary>Dropout: multiplies by a mask drawn as F.Dropout draws it (ones in evaluation).</summary>
internal sealed record DropoutOp(ModuleRef Module, double P) : PlanOp;

/// <summary><c>a + b</c> or <c>a * b</c> between two values of one shape (a residual connection, a gate).</summary>
internal sealed record ElementwiseOp(bool IsMultiply, string Source) : PlanOp;

/// <summary>A value of the graph: its per-sample element count, the op that writes it (−1: the model input), the ops that read it.</summary>
internal sealed record PlanValue(int Id, long SampleSize, int Producer, EquatableArray<int> Consumers);

/// <summary>
/// A model's forward pass as a value graph in topological order: value 0 is the input, op k writes value k + 1, and
/// <see cref="Output"/> is the value returned (<see cref="OutputSample"/> its per-sample shape). <see cref="PlanValue.Consumers"/>
/// of a value list each use by an op (an op reading it twice is listed twice), so the backward knows where gradients add.
/// </summary>
internal sealed record PlanGraph(EquatableArray<PlanOp> Ops, EquatableArray<PlanValue> Values, int Output, EquatableArray<long> OutputSample)
{
    /// <summary>The number of recorded inputs: x, then a weight and a bias slot per Linear and Conv2d.</summary>
    public int InputCount { get; init; }

    /// <summary>
    /// The declared models used as layers whose forward the graph inlines, outermost first: the plan runs only while
    /// none of them had a layer replaced (each has its own <c>Layers.Replaced</c>).
    /// </summary>
    public EquatableArray<ModuleRef> Blocks { get; init; } = EquatableArray<ModuleRef>.Empty;
}

/// <summary>What lowering found: the graph, or the first construct that blocks it (SN0104, reported by the analyzers).</summary>
internal sealed record LoweringResult(PlanGraph? Graph, DiagnosticInfo? Blocker);

/// <summary>A model ready to emit: its inferred shapes and its lowered graph (or why it has none).</summary>
internal sealed record LoweredModel(InferredModel Inferred, LoweringResult Lowering);
