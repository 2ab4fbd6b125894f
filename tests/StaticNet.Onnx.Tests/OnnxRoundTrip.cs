using Microsoft.ML.OnnxRuntime;
using StaticNet.NN;

namespace StaticNet.OnnxTests;

/// <summary>Exports a model to a temporary file and runs the file with ONNX Runtime, as an independent implementation.</summary>
internal sealed class OnnxRoundTrip : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("staticnet-onnx-").FullName;

    public string PathFor(string name) => System.IO.Path.Combine(_dir, name + ".onnx");

    /// <summary>ONNX Runtime's first output for <paramref name="input"/>, as a float array, with its shape.</summary>
    public static (float[] Values, long[] Shape) Run(string path, Tensor input, string inputName = "input")
    {
        using var session = new InferenceSession(path);
        float[] data = input.Contiguous().ToArray<float>();
        using var value = OrtValue.CreateTensorValueFromMemory(data, input.Shape.ToArray());
        using var options = new RunOptions();
        using var outputs = session.Run(options, [inputName], [value], session.OutputNames);
        var first = outputs[0];
        return (first.GetTensorDataAsSpan<float>().ToArray(), first.GetTensorTypeAndShape().Shape);
    }

    /// <summary>The model's own output in evaluation mode.</summary>
    public static Tensor Expected(Module model, Tensor input)
    {
        bool training = model.Training;
        model.Eval();
        try
        {
            using (Torch.NoGrad()) return model.Forward(input);
        }
        finally
        {
            model.Train(training);
        }
    }

    /// <summary>Asserts ONNX Runtime agrees with the model to <paramref name="tolerance"/>, element by element.</summary>
    public static void AssertAgrees(Module model, string path, Tensor input, double tolerance = 1e-5)
    {
        var expected = Expected(model, input);
        var (actual, shape) = Run(path, input);
        Assert.Equal(expected.Shape.ToArray(), shape);
        float[] want = expected.Contiguous().ToArray<float>();
        Assert.Equal(want.Length, actual.Length);
        double worst = 0;
        for (int i = 0; i < want.Length; i++) worst = Math.Max(worst, Math.Abs(want[i] - actual[i]));
        Assert.True(worst <= tolerance, $"ONNX Runtime differs from {model.TypeName} by up to {worst:G3} (tolerance {tolerance:G3}).");
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
