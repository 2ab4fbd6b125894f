using StaticNet;

namespace StaticNet.Samples;

/// <summary>
/// The samples' <c>--device</c> option: <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>ilgpu-cpu</c>; without it, what the
/// seeds pick (<c>'cuda' if torch.cuda.is_available() else 'cpu'</c>). One file linked into every sample that trains
/// or predicts, so they cannot parse it differently.
/// </summary>
public static class DeviceOption
{
    /// <summary>The option's usage line.</summary>
    public const string Usage = "--device cpu|cuda|cuda:N|ilgpu-cpu";

    /// <summary>
    /// The device the command line asks for, as written (the seeds print <c>'cuda'</c>, not <c>cuda:0</c>), and the
    /// device it names; false after writing why to standard error: a missing or unknown value (the message lists the
    /// valid ones) or a device this machine or build cannot open (the message says what is available).
    /// </summary>
    public static bool TryRead(string[] args, out string name, out Device device)
    {
        name = Torch.Cuda.IsAvailable() ? "cuda" : "cpu";
        device = Device.Cpu;
        int at = Array.IndexOf(args, "--device");
        if (at >= 0)
        {
            if (at + 1 >= args.Length)
            {
                Console.Error.WriteLine($"error: --device needs a value: {Usage}.");
                return false;
            }
            name = args[at + 1];
        }
        try
        {
            device = Device.Parse(name);
        }
        catch (ArgumentException)
        {
            Console.Error.WriteLine($"error: unknown device '{name}'. Valid values: {Usage}.");
            return false;
        }
        try
        {
            // Opening the device here (one small tensor) reports a missing GPU, or a NativeAOT build, before any work.
            _ = Torch.Zeros([1], device: device);
            return true;
        }
        catch (NotSupportedException e)
        {
            Console.Error.WriteLine($"error: --device {name}: {e.Message}");
            return false;
        }
    }
}
