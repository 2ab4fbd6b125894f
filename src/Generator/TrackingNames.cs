namespace StaticNet.Generators;

/// <summary>The names of the pipeline's steps, so tests can ask the driver whether each step was cached.</summary>
public static class TrackingNames
{
    /// <summary>Symbols and syntax of a <c>[Model]</c> class read into a ModelSpec.</summary>
    public const string Parse = nameof(Parse);

    /// <summary>Shapes inferred over the traced forward body.</summary>
    public const string InferShapes = nameof(InferShapes);

    /// <summary>Models the generator emits code for (no shape or declaration error).</summary>
    public const string Emittable = nameof(Emittable);

    /// <summary>The forward data flow lowered to the value graph the fused plan runs (or the construct that blocks it).</summary>
    public const string Lower = nameof(Lower);
}
