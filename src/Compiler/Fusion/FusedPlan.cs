using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Fusion;

/// <summary>
/// How generated code reaches a layer module from the model: <c>Layers.Conv1</c>, or element <see cref="Index"/> of a
/// Sequential (<c>Layers.Stack[2]</c>, cast to <see cref="TypeName"/>); <see cref="Name"/> is its PyTorch name.
/// </summary>
internal sealed record ModuleRef(string Member, int Index, string TypeName, string Name);

/// <summary>
/// One step of a fused plan: it reads value <see cref="Input"/> and writes value <see cref="Input"/> + 1. Values are
/// row-major buffers of <c>batch × per-sample size</c> elements (NCHW for images); View and Flatten are not steps.
/// </summary>
internal abstract record FusedStep
{
    public int Input { get; init; }
}

/// <summary>A step with parameters: a weight slot, and a bias slot when <see cref="Bias"/>, among the recorded inputs (0 is x).</summary>
internal abstract record FusedLayerStep(ModuleRef Module, bool Bias, string Activation) : FusedStep
{
    /// <summary>The position of the weight among the recorded inputs; the bias follows it.</summary>
    public int WeightInput { get; init; }
}

/// <summary>
/// A Linear as one GEMM, with its bias and the activation right after it applied as an epilogue; Activation is the
/// <c>FusedActivation</c> member: None, Relu, Sigmoid or Tanh.
/// </summary>
internal sealed record FusedLinear(ModuleRef Module, long In, long Out, bool Bias, string Activation) : FusedLayerStep(Module, Bias, Activation);

/// <summary>A Conv2d (groups 1) on a [C, H, W] sample as im2col + GEMM, with its bias and activation as an epilogue.</summary>
internal sealed record FusedConv2d(ModuleRef Module, long Channels, long Height, long Width, bool Bias, string Activation)
    : FusedLayerStep(Module, Bias, Activation);

/// <summary>
/// Max or average pooling of a [C, H, W] sample to [C, OH, OW]; max pooling saves its argmax indices. Sizes are
/// [C, H, W, OH, OW, KH, KW, SH, SW, PH, PW, DH, DW], as <c>StaticNet.Fused.FusedPool2d</c>'s constructor takes them.
/// </summary>
internal sealed record FusedPool2d(bool IsMax, string Name, EquatableArray<long> Sizes, bool CountIncludePad) : FusedStep;

/// <summary>An activation that does not follow a Linear or Conv2d directly (after a pooling, say): its own step.</summary>
internal sealed record FusedActivationStep(string Activation, string Name) : FusedStep;

/// <summary>Dropout: multiplies by a mask drawn as F.Dropout draws it (ones in evaluation).</summary>
internal sealed record FusedDropout(ModuleRef Module, double P) : FusedStep;

/// <summary>
/// A model's forward pass lowered to a straight chain of fused steps: value 0 is the input, step i writes value i + 1,
/// the last value is the output. <see cref="Sizes"/> holds each value's per-sample element count, <see cref="OutputSample"/>
/// the output's per-sample shape.
/// </summary>
internal sealed record FusedPlan(EquatableArray<FusedStep> Steps, EquatableArray<long> Sizes, EquatableArray<long> OutputSample)
{
    /// <summary>The number of recorded inputs: x, then a weight and a bias slot per Linear and Conv2d.</summary>
    public int InputCount { get; init; }
}

/// <summary>What lowering found: the plan, or the first construct that blocks it (SN0104, reported by the analyzers).</summary>
internal sealed record FusionResult(FusedPlan? Plan, DiagnosticInfo? Blocker);
