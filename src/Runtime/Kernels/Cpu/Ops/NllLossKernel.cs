using System.Numerics;

namespace StaticNet.Kernels.Cpu;

/// <summary>
/// The negative log-likelihood loss over log-probabilities viewed as [N, C, inner] with Int64 targets [N, inner]:
/// loss[n, i] = −w[t]·x[n, t, i] for t = target[n, i], and 0 where t is the ignore index. One pass over N·inner
/// targets (not over the N·C·inner inputs), so it runs on one thread; the bounds check happens before any read.
/// </summary>
internal static class NllLossKernel
{
    /// <summary>The per-target losses (shape of <paramref name="target"/>) and the sum of the weights of the targets counted.</summary>
    /// <param name="input">Contiguous log-probabilities, viewed as [N, C, inner].</param>
    /// <param name="target">Contiguous Int64 class indices, N·inner of them.</param>
    /// <param name="weight">Contiguous [C] class weights of the input's dtype, or null.</param>
    public static (Tensor Losses, double TotalWeight) Forward(Tensor input, Tensor target, Tensor? weight, long classes, long inner, long ignoreIndex)
    {
        var losses = new Tensor(target.ShapeArray, input.DType, zeroed: true);
        var action = new ForwardAction(input, target, weight, losses, classes, inner, ignoreIndex);
        DTypeDispatch.Float(input.DType, ref action);
        return (losses, action.TotalWeight[0]);
    }

    /// <summary>
    /// The gradient with respect to the input, [N, C, inner] (zero except at each target's class):
    /// −w[t]·scale[n, i], where scale is the incoming gradient (per element, or one value for Sum and Mean).
    /// </summary>
    /// <param name="scale">Contiguous, either one element or one per target.</param>
    public static Tensor Backward(long[] inputShape, DType dtype, Tensor target, Tensor? weight, Tensor scale, long classes, long inner, long ignoreIndex)
    {
        var grad = new Tensor(inputShape, dtype, zeroed: true);
        var action = new BackwardAction(grad, target, weight, scale, classes, inner, ignoreIndex);
        DTypeDispatch.Float(dtype, ref action);
        return grad;
    }

    /// <summary>PyTorch's message for a class index outside [0, C).</summary>
    public static void CheckTarget(long t, long classes)
    {
        if (t < 0 || t >= classes) throw new ArgumentOutOfRangeException(null, $"Target {t} is out of bounds.");
    }

    private readonly struct ForwardAction(Tensor x, Tensor target, Tensor? weight, Tensor losses, long classes, long inner, long ignore) : IFloatAction
    {
        public readonly double[] TotalWeight = new double[1];

        public void Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            ReadOnlySpan<T> X = x.ContiguousSpan<T>();
            ReadOnlySpan<long> Y = target.ContiguousSpan<long>();
            ReadOnlySpan<T> W = weight is null ? default : weight.ContiguousSpan<T>();
            Span<T> L = losses.ContiguousSpan<T>();
            foreach (var t in Y) if (t != ignore) CheckTarget(t, classes);
            double total = 0;
            for (int k = 0; k < Y.Length; k++)
            {
                long t = Y[k];
                if (t == ignore) continue;
                long n = k / inner, i = k % inner;
                T w = weight is null ? T.One : W[(int)t];
                L[k] = -w * X[(int)((n * classes + t) * inner + i)];
                total += double.CreateTruncating(w);
            }
            TotalWeight[0] = total;
        }
    }

    private readonly struct BackwardAction(Tensor grad, Tensor target, Tensor? weight, Tensor scale, long classes, long inner, long ignore) : IFloatAction
    {
        public void Invoke<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            Span<T> G = grad.ContiguousSpan<T>();
            ReadOnlySpan<long> Y = target.ContiguousSpan<long>();
            ReadOnlySpan<T> W = weight is null ? default : weight.ContiguousSpan<T>();
            ReadOnlySpan<T> S = scale.ContiguousSpan<T>();
            bool perElement = S.Length == Y.Length && scale.Dim > 0;
            for (int k = 0; k < Y.Length; k++)
            {
                long t = Y[k];
                if (t == ignore) continue;
                long n = k / inner, i = k % inner;
                T w = weight is null ? T.One : W[(int)t];
                G[(int)((n * classes + t) * inner + i)] = -w * S[perElement ? k : 0];
            }
        }
    }
}
