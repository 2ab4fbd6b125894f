namespace StaticNet;

/// <summary>
/// Declares a layer that is another declared model (<c>[Block(typeof(BasicBlock))]</c>): the layer method runs that
/// model, its parameters nest under the layer's name (<c>layer1.0.conv1.weight</c>) and it prints inside this one, as a
/// PyTorch module used as a submodule does. Several on one method (or mixed with other layer attributes) declare a
/// <c>Sequential</c> in that order, as torchvision's <c>layer1 = Sequential(BasicBlock(...), BasicBlock(...))</c>.
/// </summary>
/// <param name="model">A <c>[Model]</c> class with a parameterless constructor (the generated one).</param>
/// <remarks>
/// Shapes flow through the inner model's forward at the shape that reaches it (its own <c>Input</c> is only its default
/// when used alone), so one block class serves every spatial size; a shape it cannot take is an SN0008 error at the call.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class BlockAttribute(Type model) : LayerAttribute
{
    /// <summary>The declared model this layer runs.</summary>
    public Type Model { get; } = model;
}
