namespace StaticNet.Tuning;

/// <summary>
/// Draws every parameter uniformly (Optuna's <c>RandomSampler</c>): in log space for log ranges, over
/// [low − step/2, high + step/2] rounded to the grid for stepped and integer ranges so the end points are as likely
/// as the others, one uniform per choice and the largest for categories.
/// </summary>
public sealed class RandomSampler(int? seed = null) : Sampler
{
    private readonly NumpyRandom _rng = new(seed);

    /// <inheritdoc/>
    public override double SampleIndependent(Study study, FrozenTrial trial, string name, Distribution distribution)
    {
        switch (distribution)
        {
            case CategoricalDistribution c:
            {
                int best = 0;
                double max = double.NegativeInfinity;
                for (int i = 0; i < c.Choices.Count; i++)
                {
                    double u = _rng.Uniform(0, 1);
                    if (u > max) (max, best) = (u, i);
                }
                return best;
            }
            case FloatDistribution { Log: true } f:
            {
                double v = Math.Exp(_rng.Uniform(Math.Log(f.Low), Math.Log(f.High)));
                return f.IsSingle ? v : Math.Min(v, Math.BitDecrement(f.High));
            }
            case FloatDistribution { Step: { } s } f:
            {
                double u = _rng.Uniform(f.Low - 0.5 * s, f.High + 0.5 * s);
                return Math.Clamp(Math.Round((u - f.Low) / s) * s + f.Low, f.Low, f.High);
            }
            case FloatDistribution f:
            {
                double u = _rng.Uniform(f.Low, f.High);
                return f.IsSingle ? u : Math.Min(u, Math.BitDecrement(f.High));
            }
            case IntDistribution { Log: true } i:
                return Math.Clamp(Math.Round(Math.Exp(_rng.Uniform(Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5)))), i.Low, i.High);
            case IntDistribution i:
            {
                double u = _rng.Uniform(i.Low - 0.5 * i.Step, i.High + 0.5 * i.Step);
                return Math.Clamp(Math.Round((u - i.Low) / i.Step) * i.Step + i.Low, i.Low, i.High);
            }
            default:
                throw new NotSupportedException($"RandomSampler cannot draw from {distribution}.");
        }
    }
}
