// The trained Fashion-MNIST classifier as a deployed program: load the weights samples/FashionMnist saved, read PNG
// images, print each one's predicted class and the ten probabilities. Published with NativeAOT it is one native file.
//   dotnet run -c Release --project samples/FashionMnist -- --smoke --save /tmp/fm/model.safetensors --save-images /tmp/fm
//   dotnet publish samples/Deploy -c Release -r linux-x64 -p:ModelWeights=/tmp/fm/model.safetensors
//   samples/Deploy/bin/Release/net10.0/linux-x64/publish/Deploy /tmp/fm/test-00.png /tmp/fm/test-01.png
// --weights PATH loads another .safetensors/.pth file than the one shipped beside the executable; --smoke checks the
// program end to end on freshly initialised weights and generated images (CI). --device cpu|cuda|cuda:N|ilgpu-cpu
// picks where the model runs (default: cuda when Torch.Cuda.IsAvailable(), else cpu); the GPU backend needs the JIT,
// so the NativeAOT executable refuses cuda and ilgpu-cpu with that message (CI checks it) and runs on the CPU.
using DeploySample;
using FashionMnistSample;
using StaticNet;
using StaticNet.NN;
using StaticNet.Samples;

if (args.Contains("--smoke")) return Smoke.Run();
if (!DeviceOption.TryRead(args, out _, out Device device)) return 2;

var images = new List<string>();
string? weights = null;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--weights" && i + 1 < args.Length) weights = args[++i];
    else if (args[i] == "--device") i++;   // read above
    else images.Add(args[i]);
}
weights ??= Classifier.ShippedWeights();
if (images.Count == 0 || weights is null)
{
    Console.Error.WriteLine($"usage: Deploy [--weights model.safetensors|model.pth] [{DeviceOption.Usage}] image.png [image.png ...]");
    Console.Error.WriteLine(weights is null
        ? $"No weights were shipped beside the executable in {AppContext.BaseDirectory}: pass --weights PATH."
        : "Give one or more PNG or JPEG images (28x28 grayscale; other sizes are resized, colour is made gray).");
    return 2;
}

try
{
    var model = Classifier.Load(weights).To(device);
    foreach (var prediction in Classifier.Classify(model, images))
        Console.WriteLine(prediction);
    return 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
{
    // The runtime's messages name the file and what was wrong with it; a stack trace would add nothing for a user.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
