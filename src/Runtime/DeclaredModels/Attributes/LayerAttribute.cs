namespace StaticNet;

/// <summary>
/// The base of the layer attributes placed on a declared model's partial methods (<c>[Linear(784, 512)]</c>). Several
/// on one method declare a <c>Sequential</c> of those layers in that order.
/// </summary>
/// <remarks>Read at compile time only.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public abstract class LayerAttribute : Attribute
{
}
