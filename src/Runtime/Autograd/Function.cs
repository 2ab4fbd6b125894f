namespace StaticNet.Autograd;

/// <summary>
/// A user-defined differentiable operation (PyTorch's <c>torch.autograd.Function</c>): derive a sealed class from
/// <c>Function&lt;ItsOwnType&gt;</c>, override the <c>Forward</c> that matches its arguments and <see cref="Backward"/>,
/// and call it with the inherited static <c>Apply</c>:
/// <code>
/// public sealed class LegendrePolynomial3 : Function&lt;LegendrePolynomial3&gt;
/// {
///     protected override Tensor Forward(FunctionContext ctx, Tensor input)
///     {
///         ctx.SaveForBackward(input);
///         return 0.5 * (5 * input.Pow(3) - 3 * input);
///     }
///     protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput)
///     {
///         var input = ctx.SavedTensors[0];
///         return [gradOutput * 1.5 * (5 * input.Pow(2) - 1)];
///     }
/// }
/// var y = LegendrePolynomial3.Apply(x);   // y.GradFn prints &lt;LegendrePolynomial3Backward&gt;
/// </code>
/// </summary>
/// <remarks>
/// Each <c>Apply</c> makes a new instance, used for that call's forward and backward only, so fields may carry
/// non-tensor state from forward to backward (PyTorch's <c>ctx.constant = ...</c>); tensors backward needs go through
/// <see cref="FunctionContext.SaveForBackward"/>, which checks them for in-place changes. Forward runs with gradient
/// recording off, as in PyTorch, and its result joins the graph as the output of one node named after the class +
/// "Backward". Backward runs with recording off too (no double backward), and returns one gradient per argument of
/// <c>Apply</c> in order: null where none is needed and for non-tensor arguments. A function has one tensor output.
/// </remarks>
/// <typeparam name="TSelf">The deriving class itself.</typeparam>
public abstract class Function<TSelf> where TSelf : Function<TSelf>, new()
{
    /// <summary>Runs the function on one tensor and records it for backward (<c>MyFunction.apply(x)</c>).</summary>
    public static Tensor Apply(Tensor input) => ApplyCore([input]);

    /// <summary>
    /// Runs the function on any arguments, tensors and others (numbers, flags, ...), and records it for backward;
    /// tensors among them are the differentiable inputs. Forward receives them through
    /// <see cref="Forward(FunctionContext, IReadOnlyList{object?})"/>, which passes two tensors on to
    /// <see cref="Forward(FunctionContext, Tensor, Tensor)"/>.
    /// </summary>
    /// <remarks>There is deliberately no <c>Apply(Tensor, Tensor)</c>: numbers convert to tensors implicitly, so
    /// <c>Apply(x, 2.0)</c> would silently pass the number as a tensor input.</remarks>
    public static Tensor Apply(params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return ApplyCore(args);
    }

    /// <summary>The forward of a one-tensor <c>Apply</c>: compute the output and save what backward needs.</summary>
    protected virtual Tensor Forward(FunctionContext ctx, Tensor input) => throw NotOverridden("Forward(FunctionContext, Tensor)", 1);

    /// <summary>The forward of a two-tensor <c>Apply</c>.</summary>
    protected virtual Tensor Forward(FunctionContext ctx, Tensor first, Tensor second) =>
        throw NotOverridden("Forward(FunctionContext, Tensor, Tensor)", 2);

    /// <summary>
    /// The forward for any arguments, as passed to <c>Apply</c>. The default passes one or two tensors on to the
    /// typed overloads; override it for other argument lists.
    /// </summary>
    protected virtual Tensor Forward(FunctionContext ctx, IReadOnlyList<object?> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 1 && args[0] is Tensor input) return Forward(ctx, input);
        if (args.Count == 2 && args[0] is Tensor first && args[1] is Tensor second) return Forward(ctx, first, second);
        throw new NotSupportedException(
            $"{typeof(TSelf).Name}.Apply was called with ({Describe(args)}): override Forward(FunctionContext, IReadOnlyList<object?>) to take these arguments.");
    }

    /// <summary>
    /// The gradients of the function's arguments given the gradient of its output (same shape as the output): one
    /// entry per argument of <c>Apply</c>, null for arguments that need none (see <see cref="FunctionContext.NeedsInputGrad"/>)
    /// and for non-tensor arguments. A gradient may have a shape that broadcasts to its input's; it is summed back.
    /// </summary>
    protected abstract Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput);

    internal Tensor?[] RunBackward(FunctionContext ctx, Tensor gradOutput) => Backward(ctx, gradOutput);

    private static Tensor ApplyCore(object?[] args)
    {
        bool record = GradMode.IsEnabled;
        var needsGrad = new bool[args.Length];
        var tensorInputs = new Tensor?[args.Length];
        bool anyNeedsGrad = false;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is not Tensor t) continue;
            tensorInputs[i] = t;
            needsGrad[i] = record && t.RequiresGrad;
            anyNeedsGrad |= needsGrad[i];
        }
        var function = new TSelf();
        var ctx = new FunctionContext(needsGrad, NodeName);
        Tensor output;
        using (GradMode.Set(false)) output = function.Forward(ctx, args);
        if (output is null) throw new InvalidOperationException($"{typeof(TSelf).Name}.Forward returned null; it must return a tensor.");
        if (!anyNeedsGrad) return output;
        // The output gets its own tensor object (sharing the data) so that giving it history never rewrites an input
        // the forward returned unchanged, nor a view's link to its base.
        var result = output.Detach();
        return Graph.Record(result, new CustomFunctionBackward<TSelf>(NodeName, function, ctx, tensorInputs), tensorInputs);
    }

    /// <summary>PyTorch names the node of a custom function after its class: <c>LegendrePolynomial3Backward</c>.</summary>
    private static readonly string NodeName = BaseName(typeof(TSelf).Name) + "Backward";

    private static string BaseName(string typeName) => typeName.IndexOf('`') is var tick and >= 0 ? typeName[..tick] : typeName;

    private static NotSupportedException NotOverridden(string signature, int tensors) =>
        new($"{typeof(TSelf).Name}.Apply was called with {tensors} tensor(s), but {typeof(TSelf).Name} does not override {signature}.");

    private static string Describe(IReadOnlyList<object?> args) =>
        string.Join(", ", args.Select(a => a switch
        {
            null => "null",
            Tensor t => $"Tensor {t.Shape}",
            _ => a.GetType().Name,
        }));
}
