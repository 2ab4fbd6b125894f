using System.Numerics;

namespace StaticNet.Kernels;

/// <summary>
/// One optimizer's element-wise update rule, written once over SIMD vectors. <paramref name="a"/>, <paramref name="b"/>
/// and <paramref name="c"/> are the optimizer's state buffers (exp_avg, exp_avg_sq, ...); an optimizer that uses fewer
/// ignores the rest, whose lanes hold zeros and are never stored.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal interface IFusedUpdate<T> where T : unmanaged
{
    /// <summary>Updates one vector of the parameter <paramref name="p"/> from its gradient <paramref name="g"/> in place.</summary>
    void Apply(ref Vector<T> p, Vector<T> g, ref Vector<T> a, ref Vector<T> b, ref Vector<T> c);
}
