namespace StaticNet.NN;

/// <summary>
/// Inverted dropout (PyTorch's <c>nn.Dropout</c>): in training mode each element is zeroed with probability
/// <see cref="P"/> and the rest scaled by 1/(1 − p); in evaluation mode (<see cref="Module.Eval"/>) the input is
/// returned as it is.
/// </summary>
/// <remarks>Shape: input <c>(*)</c>, output the same shape. The mask comes from the default generator, as PyTorch's does.</remarks>
public sealed class Dropout : Module
{
    /// <summary>Creates the layer; <paramref name="p"/> outside [0, 1] is an error.</summary>
    public Dropout(double p = 0.5, bool inplace = false)
    {
        F.CheckDropoutProbability(p);
        P = p;
        Inplace = inplace;
    }

    /// <summary>The probability of zeroing an element.</summary>
    public double P { get; }

    /// <summary>Whether Forward overwrites its input.</summary>
    public bool Inplace { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor x) => Traced(F.Dropout(x, P, Training, Inplace));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"p={Py(P)}, inplace={Py(Inplace)}";
}
