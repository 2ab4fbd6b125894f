namespace StaticNet.Kernels;

/// <summary>
/// The scalar twin of an <see cref="IFusedUpdate{T}"/> rule, for backends whose kernels cannot hold SIMD vectors (the
/// ILGPU kernels): one element of the parameter <paramref name="p"/> updated from its gradient <paramref name="g"/>
/// and the state elements, with the vector rule's operations in the same order so both give the same numbers.
/// </summary>
/// <remarks>Its fields are the rule's scalars (a kernel argument); state slots the rule does not use are never stored.</remarks>
/// <typeparam name="T">float or double.</typeparam>
internal interface IElementUpdate<T> where T : unmanaged
{
    /// <summary>Updates one element in place.</summary>
    void Apply(ref T p, T g, ref T a, ref T b, ref T c);
}
