using StaticNet.NN;

namespace StaticNet.Bench.Models;

/// <summary>Builds each workload's model in the requested variant (parameters drawn from the default generator).</summary>
internal static class ModelFactory
{
    public static Module Mlp(string variant) => variant == Variants.Generated ? new DeclaredMlp() : EagerMlp.Create();

    public static Module LeNet(string variant) => variant == Variants.Generated ? new DeclaredLeNet() : new EagerLeNet();

    public static Module Tiny(string variant) => variant == Variants.Generated ? new DeclaredTiny() : EagerTiny.Create();

    /// <summary>ResNet-18: the zoo's declared model as a user builds it (<c>Models.Resnet18(numClasses)</c>), or its eager twin.</summary>
    public static Module Resnet18(string variant, int numClasses) =>
        variant == Variants.Generated ? StaticNet.Vision.Models.Models.Resnet18(numClasses) : new EagerResnet18(numClasses);
}
