namespace StaticNet.Compiler.Model;

/// <summary>
/// A layer that is another declared model (<c>[Block(typeof(BasicBlock))]</c>): its class, fully qualified
/// (<see cref="FullName"/>, <c>StaticNet.Vision.Models.BasicBlock</c>), and its parsed declaration, whose layers and
/// forward the outer model's shapes, state dict and summary go through. <see cref="LayerKindSpec.TypeName"/> is the
/// class name.
/// </summary>
internal sealed record BlockSpec(string FullName, ModelSpec Model) : LayerKindSpec(Model.ClassName);
