// Saves two versions of a state dict over one file, alternately, until it is killed: version v has every element
// equal to v. Prints "ready" once the first save is complete, so the parent kills it only mid-way through later saves.
//   dotnet StaticNet.SaveCrashChild.dll <path.pth|path.safetensors> <elements>
using StaticNet;

string path = args[0];
long elements = long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
bool ready = false;
for (int version = 1; ; version = 3 - version)
{
    Torch.Save(new StateDict { ["weight"] = Torch.Full([elements], (double)version), ["version"] = Torch.Tensor(new long[] { version }) }, path);
    if (!ready) { Console.WriteLine("ready"); Console.Out.Flush(); ready = true; }
}
