namespace StaticNet;

/// <summary>
/// Declares a network: on a <c>partial class</c> whose layers are attributed partial methods and whose architecture is
/// a <see cref="ForwardAttribute"/> method. StaticNet's source generator turns the declaration into a
/// <see cref="NN.Module"/> (registration, layer methods, <c>Forward</c>, a compile-time <c>Summary</c>).
/// </summary>
/// <remarks>The attribute is read at compile time only; nothing inspects it at run time.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>One sample's shape, without the batch dimension (<c>Input = [3, 32, 32]</c>); the batch B is dynamic.</summary>
    public int[] Input { get; set; } = [];
}

/// <summary>Marks the method that computes the network from its input (PyTorch's <c>forward</c>).</summary>
/// <remarks>
/// The method is ordinary C#: it runs eagerly through the generated layer methods. It returns one tensor or a named
/// tuple of tensors (several outputs); the generated <c>Forward</c> returns the same.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ForwardAttribute : Attribute
{
}
