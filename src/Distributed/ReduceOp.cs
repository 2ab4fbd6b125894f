namespace StaticNet.Distributed;

/// <summary>How <see cref="Dist.AllReduce"/> combines the ranks' tensors, element by element (PyTorch's <c>ReduceOp</c>).</summary>
public enum ReduceOp
{
    /// <summary>The sum over ranks (<c>ReduceOp.SUM</c>).</summary>
    Sum,

    /// <summary>The product over ranks (<c>ReduceOp.PRODUCT</c>).</summary>
    Product,

    /// <summary>The minimum over ranks (<c>ReduceOp.MIN</c>).</summary>
    Min,

    /// <summary>The maximum over ranks (<c>ReduceOp.MAX</c>).</summary>
    Max,

    /// <summary>The mean over ranks: the sum divided by the world size, for floating tensors (<c>ReduceOp.AVG</c>).</summary>
    Avg,
}
