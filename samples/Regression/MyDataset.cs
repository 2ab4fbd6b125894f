using StaticNet;
using StaticNet.Data;

namespace RegressionSample;

/// <summary>Seed 003's <c>MyDataset</c>: rows of x with their targets y, read by index.</summary>
public sealed class MyDataset : Dataset<(Tensor X, Tensor Y)>
{
    private readonly Tensor _x;
    private readonly Tensor _y;

    /// <summary>Keeps <paramref name="x"/> and <paramref name="y"/> as Float32 (<c>torch.tensor(x).float()</c>).</summary>
    public MyDataset(Tensor x, Tensor y)
    {
        if (x.Size(0) != y.Size(0))
            throw new ArgumentException($"MyDataset: x has {x.Size(0)} rows but y has {y.Size(0)}; expected one target per row.", nameof(y));
        _x = x.Float();
        _y = y.Float();
    }

    /// <summary>len(self.x).</summary>
    public override int Count => (int)_x.Size(0);

    /// <summary>self.x[ix], self.y[ix].</summary>
    public override (Tensor X, Tensor Y) this[int index] => (_x[index], _y[index]);
}
