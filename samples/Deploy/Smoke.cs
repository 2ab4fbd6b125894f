using FashionMnistSample;
using StaticNet;
using StaticNet.Vision;

namespace DeploySample;

/// <summary>
/// The CI check of the program without a trained model: seeded initial weights saved and loaded back, two generated
/// images (a 28×28 gray one and a 56×40 colour one that must be made gray and resized), classified through the same
/// code as the real run; the fused <c>Predict</c> must agree with the eager layer methods on the same batch.
/// </summary>
internal static class Smoke
{
    private const float Tolerance = 1e-5f;

    public static int Run()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"staticnet-deploy-smoke-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            Torch.ManualSeed(0);
            string weights = Path.Combine(folder, "model.safetensors");
            Torch.Save(new NeuralNetwork().StateDict(), weights);
            string[] images = [Path.Combine(folder, "gray-28x28.png"), Path.Combine(folder, "colour-56x40.png")];
            Image.Save(Torch.RandInt(0, 256, [1, 28, 28]).To(DType.UInt8), images[0]);
            Image.Save(Torch.RandInt(0, 256, [3, 40, 56]).To(DType.UInt8), images[1]);

            var model = Classifier.Load(weights);
            var predictions = Classifier.Classify(model, images);
            foreach (var prediction in predictions) Console.WriteLine(prediction);

            Tensor eager;
            using (Torch.NoGrad())
                eager = F.Softmax(model.LinearReluStack(model.Flatten(Classifier.ReadBatch(images))), dim: 1);
            var reference = Classifier.ToPredictions(images, eager);
            for (int n = 0; n < images.Length; n++)
            {
                float worst = predictions[n].Probabilities.Zip(reference[n].Probabilities, (a, b) => MathF.Abs(a - b)).Max();
                if (worst > Tolerance || predictions[n].Label != reference[n].Label)
                {
                    Console.Error.WriteLine($"error: Predict disagrees with the eager layers on {images[n]}: {predictions[n]} vs {reference[n]} (|Δp| {worst:E2})");
                    return 1;
                }
            }
            Console.WriteLine($"Predict (fused) agrees with the eager layers on {images.Length} images (|Δp| <= {Tolerance:E0}).");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
