using StaticNet.Compiler.Model;

namespace StaticNet.Compiler.Graph;

/// <summary>
/// BatchNorm1d/2d over <see cref="Channels"/> channels of <see cref="Spatial"/> contiguous elements each per sample
/// (<c>[C]</c>: 1, <c>[C, L]</c>: L, <c>[C, H, W]</c>: H·W). Training normalizes by the batch's statistics and updates the
/// running ones; evaluation uses the running statistics. Its weight and bias (when <see cref="ParameterOp.Bias"/>, i.e.
/// affine) take a parameter op's two slots; an activation after it joins its epilogue as after a Linear.
/// </summary>
/// <remarks>
/// <see cref="FoldsIntoProducer"/>: its input is written by a Linear or Conv2d whose only reader it is, so <c>Predict</c>
/// (evaluation, no node) folds the running statistics into that layer's weight and bias and skips the normalization.
/// </remarks>
internal sealed record BatchNormOp(ModuleRef Module, long Channels, long Spatial, bool Affine, Activation Activation)
    : ParameterOp(Module, Affine, Activation)
{
    public bool FoldsIntoProducer { get; init; }
}
