namespace StaticNet.Tests.Autograd;

public static partial class GradCheckTable
{
    internal static readonly GradCase[] Losses =
    [
        new("MseLossBackward0", "mean, both inputs", t => F.MseLoss(t[0], t[1]), () => [R(3, 4), R(3, 4)]),
        new("MseLossBackward0", "sum, transposed input, constant target", t => F.MseLoss(t[0], t[1], LossReduction.Sum), () => [RT(2, 3), C(2, 3)]),
        new("MseLossBackward0", "none", t => F.MseLoss(t[0], t[1], LossReduction.None), () => [R(5), R(5)]),
    ];
}
