using StaticNet.Kernels;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace StaticNet.Optim.Kernels;

/// <summary>
/// The Adam step shared by <see cref="Adam"/> (L2 weight decay added to the gradient) and <see cref="AdamW"/>
/// (decoupled: <c>θ ← θ(1 − γλ)</c> before the update), as PyTorch 2.x's <c>_single_tensor_adam</c>/<c>adamw</c>:
/// <c>m ← lerp(m, g, 1 − β₁); v ← β₂v + (1 − β₂)g²; v̂ ← amsgrad ? max(v̂, v) : v;
/// θ ← θ − γ/(1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + ε)</c>.
/// </summary>
internal static class AdamUpdate
{
    /// <summary>Steps one parameter; creates <c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c> (and <c>max_exp_avg_sq</c>) on its first step.</summary>
    public static void Step(ParamGroup group, Tensor param, Tensor grad, StateDict state, double step, bool decoupled)
    {
        var m = state["exp_avg"];
        var v = state["exp_avg_sq"];
        var vMax = group.Amsgrad ? state["max_exp_avg_sq"] : null;
        m.Storage.BumpVersion();
        v.Storage.BumpVersion();
        vMax?.Storage.BumpVersion();
        if (param.DType == DType.Float32) Run<float>(group, param, grad, m, v, vMax, step, decoupled);
        else Run<double>(group, param, grad, m, v, vMax, step, decoupled);
    }

    private static void Run<T>(ParamGroup group, Tensor param, Tensor grad, Tensor m, Tensor v, Tensor? vMax, double step, bool decoupled)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Backends.Of(param).FusedUpdate<T, Rule<T>, ElementRule<T>>(new Rule<T>(group, step, decoupled), new ElementRule<T>(group, step, decoupled),
            param, grad, m, v, vMax);
    }

    /// <summary><see cref="Rule{T}"/> for one element (the device kernels; internal, not private: ILGPU's launcher assembly must see it).</summary>
    internal readonly struct ElementRule<T> : IElementUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T _weightDecay, _decay, _w1, _oneMinusW1, _beta2, _oneMinusBeta2, _bc2Sqrt, _eps, _negStepSize;
        private readonly KernelFlag _maximize, _l2, _decoupled, _amsgrad, _w1Small;

        public ElementRule(ParamGroup g, double step, bool decoupled)
        {
            double lr = g.Lr, beta1 = g.Beta1, beta2 = g.Beta2, wd = g.WeightDecay;
            double bc1 = 1 - Math.Pow(beta1, step), bc2 = 1 - Math.Pow(beta2, step);
            _weightDecay = T.CreateTruncating(wd);
            _decay = T.CreateTruncating(1 - lr * wd);
            _w1 = T.CreateTruncating(1 - beta1);
            _oneMinusW1 = T.CreateTruncating(1 - (1 - beta1));
            _w1Small = Math.Abs(1 - beta1) < 0.5;
            _beta2 = T.CreateTruncating(beta2);
            _oneMinusBeta2 = T.CreateTruncating(1 - beta2);
            _bc2Sqrt = T.CreateTruncating(Math.Sqrt(bc2));
            _eps = T.CreateTruncating(g.Eps);
            _negStepSize = T.CreateTruncating(-(lr / bc1));
            _maximize = g.Maximize;
            _decoupled = decoupled && wd != 0;
            _l2 = !decoupled && wd != 0;
            _amsgrad = g.Amsgrad;
        }

        public void Apply(ref T p, T g, ref T m, ref T v, ref T vMax)
        {
            if (_maximize) g = -g;
            if (_decoupled) p *= _decay;
            else if (_l2) g += _weightDecay * p;
            m = VectorMath.Lerp(m, g, _w1, _oneMinusW1, _w1Small);
            v = v * _beta2 + _oneMinusBeta2 * g * g;
            var second = v;
            if (_amsgrad) second = vMax = vMax > v ? vMax : v;
            var denom = T.Sqrt(second) / _bc2Sqrt + _eps;
            p += _negStepSize * (m / denom);
        }
    }

    private readonly struct Rule<T> : IFusedUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Vector<T> _weightDecay, _decay, _w1, _oneMinusW1, _beta2, _oneMinusBeta2, _bc2Sqrt, _eps, _negStepSize;
        private readonly bool _maximize, _l2, _decoupled, _amsgrad, _w1Small;

        public Rule(ParamGroup g, double step, bool decoupled)
        {
            double lr = g.Lr, beta1 = g.Beta1, beta2 = g.Beta2, wd = g.WeightDecay;
            double bc1 = 1 - Math.Pow(beta1, step), bc2 = 1 - Math.Pow(beta2, step);
            _weightDecay = V(wd);
            _decay = V(1 - lr * wd);
            _w1 = V(1 - beta1);
            _oneMinusW1 = V(1 - (1 - beta1));
            _w1Small = Math.Abs(1 - beta1) < 0.5;
            _beta2 = V(beta2);
            _oneMinusBeta2 = V(1 - beta2);
            _bc2Sqrt = V(Math.Sqrt(bc2));
            _eps = V(g.Eps);
            _negStepSize = V(-(lr / bc1));
            _maximize = g.Maximize;
            _decoupled = decoupled && wd != 0;
            _l2 = !decoupled && wd != 0;
            _amsgrad = g.Amsgrad;
        }

        private static Vector<T> V(double x) => new(T.CreateTruncating(x));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<T> p, Vector<T> g, ref Vector<T> m, ref Vector<T> v, ref Vector<T> vMax)
        {
            if (_maximize) g = -g;
            if (_decoupled) p *= _decay;
            else if (_l2) g += _weightDecay * p;
            m = VectorMath.Lerp(m, g, _w1, _oneMinusW1, _w1Small);
            v = v * _beta2 + _oneMinusBeta2 * g * g;
            var second = v;
            if (_amsgrad) second = vMax = Vector.Max(vMax, v);
            var denom = Vector.SquareRoot(second) / _bc2Sqrt + _eps;
            p += _negStepSize * (m / denom);
        }
    }
}
