using System.Globalization;
using System.Text;
using FashionMnistSample;
using StaticNet;
using StaticNet.Vision;

namespace DeploySample;

/// <summary>A Fashion-MNIST class and the ten class probabilities the model gives one image.</summary>
public sealed record Prediction(string Source, int Label, float[] Probabilities)
{
    /// <summary>One line per image: <c>test-00.png: Ankle boot 0.9312 (T-shirt/top 0.0001, ...)</c>, invariant culture.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Path.GetFileName(Source)}: {Clothing.Classes[Label]} {Probabilities[Label]:F4} (");
        for (int c = 0; c < Probabilities.Length; c++)
            text.Append(CultureInfo.InvariantCulture, $"{(c == 0 ? "" : ", ")}{Clothing.Classes[c]} {Probabilities[c]:F4}");
        return text.Append(')').ToString();
    }
}

/// <summary>Loads the declared network's weights and classifies image files with its fused <c>Predict</c>.</summary>
public static class Classifier
{
    private const int Side = 28;
    private static readonly Resize s_resize = new(Side, Side);
    private static readonly ToTensor s_toTensor = new();

    /// <summary>The weights file published beside the executable (model.safetensors, else model.pth), or null.</summary>
    public static string? ShippedWeights() =>
        new[] { "model.safetensors", "model.pth" }.Select(f => Path.Combine(AppContext.BaseDirectory, f)).FirstOrDefault(File.Exists);

    /// <summary>A <see cref="NeuralNetwork"/> in eval mode with the weights of <paramref name="path"/> (strict: every key).</summary>
    public static NeuralNetwork Load(string path)
    {
        var model = new NeuralNetwork();
        model.LoadStateDict(Torch.Load(path));
        model.Eval();
        return model;
    }

    /// <summary>The model input for image files: each read as gray, resized to 28×28 when it is not, scaled to [0, 1].</summary>
    /// <returns>Float32 <c>[N, 1, 28, 28]</c>, the images in order.</returns>
    public static Tensor ReadBatch(IReadOnlyList<string> paths)
    {
        var images = new List<Tensor>(paths.Count);
        foreach (var path in paths)
        {
            var image = Image.Read(path, ImageReadMode.Gray); // UInt8 [1, H, W]
            if (image.Size(1) != Side || image.Size(2) != Side) image = s_resize.Invoke(image);
            images.Add(s_toTensor.Invoke(image));
        }
        return Torch.Stack(images, dim: 0);
    }

    /// <summary>Classifies the images in one batch: the fused plan (<c>Predict</c>) and a softmax over the ten logits.</summary>
    public static List<Prediction> Classify(NeuralNetwork model, IReadOnlyList<string> paths)
    {
        var logits = model.Predict(ReadBatch(paths).To(model.Parameters().First().Device)); // [N, 10], on the model's device
        return ToPredictions(paths, F.Softmax(logits, dim: 1));
    }

    /// <summary>Rows of class probabilities <c>[N, 10]</c> as predictions, the label being each row's argmax.</summary>
    public static List<Prediction> ToPredictions(IReadOnlyList<string> paths, Tensor probabilities)
    {
        var all = probabilities.Contiguous().ToArray<float>();
        int classes = (int)probabilities.Size(1);
        var predictions = new List<Prediction>(paths.Count);
        for (int n = 0; n < paths.Count; n++)
        {
            var row = all.AsSpan(n * classes, classes).ToArray();
            int label = 0;
            for (int c = 1; c < classes; c++)
                if (row[c] > row[label]) label = c;
            predictions.Add(new Prediction(paths[n], label, row));
        }
        return predictions;
    }
}
