using StaticNet.Optim;

namespace StaticNet.Tests.Optim;

/// <summary>
/// The shared scenario of the optimizer tests and its PyTorch results: θ₀ = [1, −2, 3] (Float64) and three steps with
/// hand-set gradients G[0..2], exactly as this script does with PyTorch 1.13:
/// <code>
/// p = torch.tensor([1.0, -2.0, 3.0], dtype=torch.float64, requires_grad=True); opt = make([p])
/// for s in range(3): p.grad = torch.tensor(G[s], dtype=torch.float64); opt.step(); print(p.tolist())
/// </code>
/// NAdam's rows come from the same loop running PyTorch 2.x's <c>_single_tensor_nadam</c> (1.13 computes
/// <c>mu_product_next</c> as Πμ·μₜ·μₜ₊₁, fixed in 2.0); the script checked that its 1.13 variant reproduces
/// <c>torch.optim.NAdam</c> 1.13 exactly.
/// </summary>
internal static class OptimTestData
{
    public static readonly double[] P0 = [1.0, -2.0, 3.0];

    public static readonly double[][] G = [[0.5, -1.0, 2.0], [-0.3, 0.8, 1.5], [0.2, 0.1, -0.4]];

    public sealed record Case(Func<IEnumerable<Tensor>, Optimizer> Make, double[][] Expected);

    public static readonly Dictionary<string, Case> Cases = new()
    {
        ["SgdPlain"] = new(ps => new SGD(ps, lr: 0.1),
            [[0.95, -1.9, 2.8], [0.98, -1.98, 2.65], [0.96, -1.99, 2.69]]),
        ["SgdMomentum"] = new(ps => new SGD(ps, lr: 0.1, momentum: 0.9),
            [[0.95, -1.9, 2.8], [0.9349999999999999, -1.89, 2.4699999999999998], [0.9015, -1.891, 2.2129999999999996]]),
        ["SgdDampening"] = new(ps => new SGD(ps, lr: 0.1, momentum: 0.9, dampening: 0.3),
            [[0.95, -1.9, 2.8], [0.9259999999999999, -1.8659999999999999, 2.5149999999999997], [0.8904, -1.8423999999999998, 2.2864999999999998]]),
        ["SgdNesterovWd"] = new(ps => new SGD(ps, lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01),
            [[0.9031, -1.8062, 2.6143], [0.91707411, -1.8721482200000001, 2.15990283], [0.863721158191, -1.876570116382, 1.960194431623]]),
        ["SgdMaximizeWd"] = new(ps => new SGD(ps, lr: 0.1, momentum: 0.5, weightDecay: 0.1, maximize: true),
            [[1.04, -2.08, 3.17], [1.0196, -2.0192, 3.3733], [1.019204, -1.9586080000000001, 3.401217]]),
        ["AdamDefault"] = new(ps => new Adam(ps, lr: 0.01),
            [[0.9900000002, -1.9900000001, 2.99000000005], [0.9880850198941775, -1.9894187496334057, 2.980174249291003],
             [0.9846107430790882, -1.9894685210219558, 2.973684534167275]]),
        ["AdamWd"] = new(ps => new Adam(ps, lr: 0.01, weightDecay: 0.1, beta1: 0.8, beta2: 0.99),
            [[0.9900000001666667, -1.9900000000833333, 2.9900000000434783], [0.9865288624249345, -1.9878952022710248, 2.9802027398057533],
             [0.9812199163414299, -1.9858510144440076, 2.9733563216248977]]),
        ["AdamBeta2Half"] = new(ps => new Adam(ps, lr: 0.01, beta2: 0.5),
            [[0.9900000002, -1.9900000001, 2.99000000005], [0.9879147217927294, -1.9893962744914764, 2.979681620452912],
             [0.9836567918124167, -1.9894603712001213, 2.97138235318399]]),
        ["AdamAmsgrad"] = new(ps => new Adam(ps, lr: 0.01, beta2: 0.5, amsgrad: true),
            [[0.9900000002, -1.9900000001, 2.99000000005], [0.9880661925556975, -1.9893962744914764, 2.979681620452912],
             [0.9847956144532745, -1.9894419935525136, 2.9735962308382575]]),
        ["AdamMaximize"] = new(ps => new Adam(ps, lr: 0.01, maximize: true, eps: 1e-3),
            [[1.0099800399201597, -2.00999000999001, 3.0099950024987505], [1.0118903864560618, -2.0105706192521478, 3.019815197782897],
             [1.015354926160577, -2.0105209149043817, 3.026300474919915]]),
        ["AdamWDefault"] = new(ps => new AdamW(ps, lr: 0.01),
            [[0.9899000002, -1.9898000001, 2.98970000005], [0.9878860298941575, -1.9890197696333958, 2.9795752792909975],
             [0.9843129644760789, -1.9888706390449826, 2.9727876066393404]]),
        ["AdamWAmsgrad"] = new(ps => new AdamW(ps, lr: 0.01, weightDecay: 0.1, beta2: 0.5, amsgrad: true),
            [[0.9890000002, -1.9880000001, 2.98700000005], [0.9860771925554975, -1.9854082744913764, 2.973694620452862],
             [0.981820537260519, -1.9834685852779221, 2.9646355362177546]]),
        ["NAdamDefault"] = new(ps => new NAdam(ps),
            [[0.9978870964595885, -1.9978870964384594, 2.997887096427895], [0.9988546164345565, -1.9990946017537916, 2.996531822960629],
             [0.9980860864971304, -1.9992590632503557, 2.9966978426332203]]),
        ["NAdamOptions"] = new(ps => new NAdam(ps, lr: 0.01, weightDecay: 0.1, momentumDecay: 0.01, beta1: 0.8, beta2: 0.99),
            [[0.989046619462814, -1.989046619371536, 2.989046619327881], [0.9917276346219829, -1.993251997473147, 2.9813121222901886],
             [0.98590609505795, -1.9920191439237558, 2.980326229848019]]),
        ["RmspropDefault"] = new(ps => new RMSprop(ps),
            [[0.900000019999996, -1.900000009999999, 2.900000005], [0.9516397890605408, -1.9626608410910604, 2.839807080872574],
             [0.9189417611849852, -1.9705086256228437, 2.8557334792253206]]),
        ["RmspropMomentum"] = new(ps => new RMSprop(ps, lr: 0.01, momentum: 0.9, alpha: 0.9),
            [[0.968377225398316, -1.9683772243983162, 2.968377223898316], [0.9568198123989899, -1.9603026134948252, 2.9203051121493924],
             [0.9352984468828391, -1.955711902247911, 2.8824709653680456]]),
        ["RmspropCentered"] = new(ps => new RMSprop(ps, lr: 0.01, centered: true),
            [[0.899496238676095, -1.8994962285750878, 2.899496223524584], [0.9511651227393555, -1.9621639996404798, 2.838707648452245],
             [0.9183993747119488, -1.9700119717488536, 2.8547524205519452]]),
        ["RmspropCenteredMomentumWd"] = new(ps => new RMSprop(ps, lr: 0.01, centered: true, momentum: 0.5, weightDecay: 0.1, eps: 1e-4),
            [[0.8996642871168598, -1.8995803231179642, 2.899540116726951], [0.8826930339650285, -1.8948771155683786, 2.78711018887378],
             [0.8324476729181379, -1.8858295420424487, 2.7351244856892865]]),
        ["RmspropMaximize"] = new(ps => new RMSprop(ps, lr: 0.01, maximize: true),
            [[1.099999980000004, -2.099999990000001, 3.099999995], [1.0483602109394592, -2.0373391589089396, 3.160192919127426],
             [1.081058238815015, -2.0294913743771565, 3.1442665207746794]]),
        ["AdagradDefault"] = new(ps => new Adagrad(ps),
            [[0.990000000002, -1.990000000001, 2.9900000000005], [0.9951449575553929, -1.9962469504760565, 2.98400000000074],
             [0.991900529133304, -1.9970254494201574, 2.985579905011744]]),
        ["AdagradOptions"] = new(ps => new Adagrad(ps, lr: 0.1, lrDecay: 0.1, weightDecay: 0.1, initialAccumulatorValue: 0.5, eps: 1e-6),
            [[0.9353004058453036, -1.913845082821497, 2.904415301707456], [0.9550568547571117, -1.9502454059793668, 2.8501464924074913],
             [0.9303067654243018, -1.9450458956658132, 2.8533389503175366]]),
        ["AdagradMaximize"] = new(ps => new Adagrad(ps, lr: 0.1, maximize: true),
            [[1.09999999998, -2.09999999999, 3.099999999995], [1.048550424446071, -2.0375304952394355, 3.1599999999926003],
             [1.0809947086669605, -2.0297455057984264, 3.144200949882557]]),
    };

    /// <summary>θ₀ repeated <paramref name="copies"/> times: 5 copies (15 elements) run the SIMD body and its tail.</summary>
    public static Tensor Param(int copies = 1, DType dtype = DType.Float64) =>
        Torch.Tensor(Repeat(P0, copies), dtype: dtype, requiresGrad: true);

    public static Tensor Grad(int step, int copies = 1, DType dtype = DType.Float64) => Torch.Tensor(Repeat(G[step], copies), dtype: dtype);

    public static double[] Repeat(double[] values, int copies) => [.. Enumerable.Repeat(values, copies).SelectMany(v => v)];

    public static void AssertClose(double[] expected, Tensor actual, double tolerance = 1e-12)
    {
        var a = actual.To(DType.Float64).ToArray<double>();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(expected[i] - a[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]:R}, got {a[i]:R}");
    }
}
