namespace StaticNet.Compiler.Model;

/// <summary>
/// A declared layer method (<c>[Linear(400, 120)] public partial Tensor Fc1(Tensor x);</c>): the member, its PyTorch
/// module name (<c>fc1</c>), the signature to implement, and the layers it declares (several: a Sequential).
/// </summary>
internal sealed record LayerSpec(
    string MemberName,
    string ModuleName,
    string Accessibility,
    string ParameterName,
    EquatableArray<LayerKindSpec> Kinds,
    LocationInfo? Location)
{
    public bool IsSequential => Kinds.Count > 1;
}
