namespace StaticNet.Autograd;

/// <summary>
/// The node of one <see cref="Function{TSelf}"/> call: runs the user's backward and checks what it returns as
/// PyTorch's engine does (one gradient per argument, none for non-tensor arguments, shapes that fit the inputs).
/// </summary>
internal sealed class CustomFunctionBackward<TSelf> : Node where TSelf : Function<TSelf>, new()
{
    private readonly string _name;
    private readonly TSelf _function;
    private readonly FunctionContext _ctx;
    private readonly InputInfo?[] _inputs;

    public CustomFunctionBackward(string name, TSelf function, FunctionContext ctx, Tensor?[] tensorInputs)
    {
        _name = name;
        _function = function;
        _ctx = ctx;
        _inputs = new InputInfo?[tensorInputs.Length];
        for (int i = 0; i < tensorInputs.Length; i++)
            if (tensorInputs[i] is { } t) _inputs[i] = new InputInfo(t);
    }

    public override string Name => _name;

    internal override Tensor?[] Apply(Tensor gradOutput)
    {
        var grads = _function.RunBackward(_ctx, gradOutput)
            ?? throw new InvalidOperationException($"function {_name} returned null; return one gradient (or null) per input.");
        if (grads.Length != _inputs.Length)
            throw new InvalidOperationException($"function {_name} returned an incorrect number of gradients (expected {_inputs.Length}, got {grads.Length})");
        var result = new Tensor?[grads.Length];
        for (int i = 0; i < grads.Length; i++)
        {
            if (grads[i] is not { } g) continue;
            if (_inputs[i] is not { } input)
                throw new InvalidOperationException(
                    $"function {_name} returned a gradient different than null at position {i}, but the corresponding forward input was not a Tensor");
            if (!input.RequiresGrad) continue; // PyTorch drops gradients for inputs that do not require grad
            if (!IsExpandableTo(input.Shape, g.ShapeSpan))
                throw new InvalidOperationException(
                    $"Function {_name} returned an invalid gradient at index {i} - got {g.Shape} but expected shape compatible with {new Size(input.Shape)}");
            result[i] = input.Reduce(g);
        }
        return result;
    }

    internal override void Release() => _ctx.Release();

    /// <summary>True when <paramref name="shape"/> broadcasts to <paramref name="target"/> (the gradient may be larger
    /// than its input over broadcast dimensions; summing it back is then well defined).</summary>
    private static bool IsExpandableTo(ReadOnlySpan<long> shape, ReadOnlySpan<long> target)
    {
        if (shape.Length > target.Length) return false;
        for (int i = 1; i <= shape.Length; i++)
        {
            long s = shape[^i], t = target[^i];
            if (s != t && s != 1) return false;
        }
        return true;
    }
}
