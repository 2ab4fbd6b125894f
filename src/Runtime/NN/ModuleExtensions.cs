namespace StaticNet.NN;

/// <summary>Module operations that return the module's own type, so calls chain as in PyTorch (<c>model = Net().to(device)</c>).</summary>
public static class ModuleExtensions
{
    /// <summary>
    /// Moves the parameters, their gradients and the buffers to <paramref name="device"/> in place and returns
    /// <paramref name="module"/> itself, typed as it was (<c>var net = new Net().To("cuda")</c> is still a <c>Net</c>).
    /// </summary>
    public static TModule To<TModule>(this TModule module, Device device) where TModule : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        module.MoveTo(device);
        return module;
    }

    /// <summary>The same with the device given by name (<c>"cpu"</c>, <c>"cuda"</c>, <c>"cuda:1"</c>, <c>"ilgpu-cpu"</c>).</summary>
    public static TModule To<TModule>(this TModule module, string device) where TModule : Module =>
        module.To(Device.Parse(device));
}
