namespace StaticNet.Compiler.Model;

/// <summary>What a step of the <c>[Forward]</c> body does.</summary>
internal enum OpKind
{
    /// <summary>A declared layer method: <see cref="OpSpec.Target"/> is its member name.</summary>
    Layer,

    /// <summary>An <c>F</c> function or tensor method with the same meaning (Relu, MaxPool2d, ...): Target names it.</summary>
    Functional,

    /// <summary><c>x.View(...)</c> / <c>x.Reshape(...)</c>: Ints are the requested sizes (one may be -1).</summary>
    View,

    /// <summary><c>x.Flatten(start, end)</c>: Ints are [start, end].</summary>
    Flatten,

    /// <summary><c>a + b</c> between tensors (residual).</summary>
    Add,

    /// <summary><c>a * b</c> between tensors.</summary>
    Mul,

    /// <summary><c>Torch.Cat([a, b], dim)</c>: Ints are [dim].</summary>
    Cat,
}

/// <summary>
/// One step of the traced forward body. Values are numbered: 0 is the input parameter, op i produces value i + 1.
/// <see cref="Ints"/>, <see cref="Real"/> and <see cref="Text"/> carry the constant arguments (see <see cref="OpKind"/>;
/// for pooling: [kH, kW, sH, sW, pH, pW, dH, dW, ceil], and for AvgPool2d then [countIncludePad, divisorOverride or 0]).
/// </summary>
internal sealed record OpSpec(OpKind Kind, string Target, EquatableArray<int> Inputs, EquatableArray<long> Ints, double Real, string Text,
    LocationInfo? Location)
{
    /// <summary>For each input, the local that held it at the call (<c>x</c>), or "" for an inline expression: messages say <c>x = View of ...</c>.</summary>
    public EquatableArray<string> InputNames { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The op's source text (<c>MaxPool2d(Relu(Conv1(x)), 2)</c>), for messages.</summary>
    public string Source { get; init; } = "";

    /// <summary>The local name of input <paramref name="index"/>, or "".</summary>
    public string InputName(int index) => index < InputNames.Count ? InputNames[index] : "";
}

/// <summary>A construct the tracer does not understand: the model still runs its forward eagerly.</summary>
internal sealed record UnsupportedSpec(string Construct, string Reason, LocationInfo? Location);

/// <summary>
/// The <c>[Forward]</c> method: its signature and its body traced into a data flow of <see cref="OpSpec"/>s.
/// <see cref="OutputNames"/> is empty for a single tensor and holds the tuple's element names otherwise.
/// </summary>
internal sealed record ForwardSpec(
    string MethodName,
    string ParameterName,
    string ReturnType,
    EquatableArray<string> OutputNames,
    EquatableArray<OpSpec> Ops,
    EquatableArray<int> Outputs,
    UnsupportedSpec? Unsupported,
    LocationInfo? Location)
{
    public bool ReturnsTuple => OutputNames.Count > 0;
}
