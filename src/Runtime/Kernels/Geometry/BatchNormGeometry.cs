namespace StaticNet.Kernels;

/// <summary>
/// The layout of a batch normalization's input, already validated: <see cref="Batch"/> samples of <see cref="Channels"/>
/// channels, each channel <see cref="Spatial"/> contiguous elements (1 for [N, C], L for [N, C, L], H·W for NCHW).
/// </summary>
internal readonly record struct BatchNormGeometry(int Batch, int Channels, int Spatial)
{
    /// <summary>The elements one channel's statistics run over: N · spatial.</summary>
    public long PerChannel => (long)Batch * Spatial;
}
