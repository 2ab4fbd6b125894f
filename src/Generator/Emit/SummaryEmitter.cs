using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using StaticNet.Compiler.Shapes;

namespace StaticNet.Generators.Emit;

/// <summary>
/// Emits <c>Summary</c>: torchsummary's table, computed from the inferred shapes at compile time. It reproduces what
/// the runtime's <c>Module.Summary(inputShape)</c> prints for the eager twin: the runtime runs a batch of 2, lists
/// leaf layers as they finish with the batch dimension shown as −1, and sizes the estimate in float32 MB.
/// </summary>
internal static class SummaryEmitter
{
    private const string Rule = "----------------------------------------------------------------";
    private const string Double = "================================================================";
    private const double MB = 1024.0 * 1024.0;
    private const long TracedBatch = 2;

    public static void Emit(SourceWriter w, InferredModel inferred, CancellationToken cancellationToken)
    {
        var lines = Lines(inferred, cancellationToken);
        string input = "[" + string.Join(", ", inferred.Model.Input.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
        w.WriteLine($"/// <summary>torchsummary's table for one sample of {input}, computed at compile time (hides the runtime <c>Summary(shape)</c>, which prints the same).</summary>");
        w.WriteLine("public static new string Summary { get; } = string.Join(global::System.Environment.NewLine,");
        w.Indent();
        for (int i = 0; i < lines.Count; i++) w.WriteLine(Literals.Of(lines[i]) + (i + 1 < lines.Count ? "," : ");"));
        w.Unindent();
    }

    public static List<string> Lines(InferredModel inferred, CancellationToken cancellationToken)
    {
        var lines = new List<string> { Rule, Row("Layer (type)", "Output Shape", "Param #"), Double };
        long total = 0, trainable = 0, outputElements = 0;
        int index = 0;
        foreach (var row in inferred.Summary)
        {
            cancellationToken.ThrowIfCancellationRequested();
            index++;
            total += row.Parameters;
            if (row.Trainable) trainable += row.Parameters;
            var printed = row.Output.Dims.Select(d => d.At(TracedBatch)).ToArray();
            if (printed.Length > 0) printed[0] = -1;
            outputElements += printed.Aggregate(1L, (a, d) => a * d);
            lines.Add(Row($"{row.TypeName}-{index}", "[" + string.Join(", ", printed.Select(Int)) + "]", N0(row.Parameters)));
        }
        long inputElements = inferred.Model.Input.Aggregate(1L, (a, d) => a * d);
        double inputMb = Math.Abs(inputElements * -1 * 4.0 / MB);
        double outputMb = Math.Abs(2.0 * outputElements * 4.0 / MB);
        double paramsMb = Math.Abs(total * 4.0 / MB);
        lines.Add(Double);
        lines.Add($"Total params: {N0(total)}");
        lines.Add($"Trainable params: {N0(trainable)}");
        lines.Add($"Non-trainable params: {N0(total - trainable)}");
        lines.Add(Rule);
        lines.Add($"Input size (MB): {F2(inputMb)}");
        lines.Add($"Forward/backward pass size (MB): {F2(outputMb)}");
        lines.Add($"Params size (MB): {F2(paramsMb)}");
        lines.Add($"Estimated Total Size (MB): {F2(inputMb + outputMb + paramsMb)}");
        lines.Add(Rule);
        return lines;
    }

    private static string Row(string a, string b, string c) =>
        string.Format(CultureInfo.InvariantCulture, "{0,20}  {1,25} {2,15}", a, b, c);

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string N0(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F2(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
