using Google.Protobuf;
using StaticNet.NN;
using StaticNet.OnnxExport;
using StaticNet.OnnxFormat;

namespace StaticNet;

/// <summary>
/// ONNX export (<c>torch.onnx.export</c>): writes a model as an ONNX file (IR version 8, opset 17) that ONNX Runtime
/// and other ONNX tools run, with the parameters as initializers named as the state dict (<c>fc1.weight</c>).
/// </summary>
/// <remarks>
/// Declared <c>[Model]</c> classes are written from the graph the compiler traced (no tracing at run time); eager
/// <see cref="Sequential"/>s (and single layers) from their modules. The model is exported as in evaluation: Dropout is
/// left out and BatchNorm uses its running statistics. A layer without an ONNX form raises
/// <see cref="NotSupportedException"/> naming it.
/// </remarks>
public static class Onnx
{
    /// <summary>The operator set the exporter writes.</summary>
    public const int OpsetVersion = 17;

    /// <summary>The ONNX IR version of the files (8, ONNX 1.12's, which opset 17 came with).</summary>
    public const long IrVersion = 8;

    /// <summary>Exports <paramref name="model"/> to <paramref name="path"/>, written atomically (temp file + rename).</summary>
    /// <param name="model">A declared model, a Sequential of supported layers, or one such layer.</param>
    /// <param name="path">The .onnx file to write; its directory must exist.</param>
    /// <param name="inputShape">The input's full shape, batch first (<c>[1, 1, 28, 28]</c>).</param>
    /// <param name="dynamicBatch">Whether the batch dimension is left symbolic (<c>batch</c>), so any batch size runs.</param>
    /// <param name="inputName">The graph input's name.</param>
    /// <param name="outputName">The graph output's name (with several outputs, the tuple's element names are used).</param>
    public static void Export(Module model, string path, long[] inputShape, bool dynamicBatch = false, string inputName = "input", string outputName = "output")
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = ToModelProto(model, inputShape, dynamicBatch, inputName, outputName).ToByteArray();
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Onnx.Export: cannot write '{path}': the directory '{directory}' does not exist.");
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>The serialized ONNX model (what <see cref="Export"/> writes).</summary>
    public static byte[] ExportToBytes(Module model, long[] inputShape, bool dynamicBatch = false, string inputName = "input", string outputName = "output") =>
        ToModelProto(model, inputShape, dynamicBatch, inputName, outputName).ToByteArray();

    internal static ModelProto ToModelProto(Module model, long[] inputShape, bool dynamicBatch, string inputName, string outputName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentException.ThrowIfNullOrEmpty(inputName);
        ArgumentException.ThrowIfNullOrEmpty(outputName);
        if (inputShape.Length == 0 || inputShape.Any(d => d <= 0))
            throw new ArgumentException($"Onnx.Export: inputShape must list positive sizes, batch first, got [{string.Join(", ", inputShape)}].", nameof(inputShape));
        DType dtype = model.Parameters().FirstOrDefault()?.DType ?? DType.Float32;
        var builder = new OnnxGraphBuilder(dtype);
        builder.Graph.Name = model.TypeName;
        builder.Graph.Input.Add(builder.ValueInfo(inputName, inputShape, dynamicBatch));

        // Evaluation mode for the walk (Dropout off, BatchNorm on running statistics, shapes of a batch of one are
        // fine), then every module's own mode back: NamedModules is pre-order, so a parent's Train never overrides a child's.
        var modes = model.NamedModules().Select(m => (m.Module, m.Module.Training)).ToList();
        model.Eval();
        OnnxValue[] outputs;
        try
        {
            outputs = new ModuleExporter(builder).Export(model, "", new OnnxValue(inputName, (long[])inputShape.Clone()));
        }
        finally
        {
            foreach (var (module, training) in modes) module.Train(training);
        }

        var names = model is IDeclaredModel { ForwardGraph.OutputNames.Count: > 1 } declared
            ? declared.ForwardGraph.OutputNames.ToArray()
            : outputs.Length == 1 ? [outputName] : [.. Enumerable.Range(0, outputs.Length).Select(i => outputName + "_" + i)];
        for (int i = 0; i < outputs.Length; i++)
        {
            // An Identity names the output even when the last value is an alias (a Dropout at the end, the input itself).
            builder.Graph.Node.Add(new NodeProto { Name = "/" + names[i] + "/Identity", OpType = "Identity", Input = { outputs[i].Name }, Output = { names[i] } });
            builder.Graph.Output.Add(builder.ValueInfo(names[i], outputs[i].Shape, dynamicBatch));
        }

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "StaticNet",
            ProducerVersion = typeof(Onnx).Assembly.GetName().Version?.ToString() ?? "",
            Graph = builder.Graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        return proto;
    }
}
