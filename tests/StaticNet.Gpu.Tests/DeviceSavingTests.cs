using StaticNet.NN;
using static StaticNet.Gpu.Tests.Parity;

namespace StaticNet.Gpu.Tests;

/// <summary>
/// Torch.Save of a model on ilgpu-cpu writes its values (as torch.save of a cuda model does), in both formats, and the
/// file loads back into a model on either device; a view's storage is written whole (its offset kept).
/// </summary>
public class DeviceSavingTests
{
    [Theory]
    [InlineData(".pth")]
    [InlineData(".safetensors")]
    public void A_model_on_the_device_saves_its_values_and_loads_back(string extension)
    {
        string path = Path.Combine(Path.GetTempPath(), $"staticnet-device-save-{Environment.ProcessId}-{Guid.NewGuid():N}{extension}");
        try
        {
            Torch.ManualSeed(7);
            var model = new Sequential(new Linear(5, 3), new ReLU(), new Linear(3, 2)).To(UnderTest);
            var expected = model.StateDict().Select(kv => (kv.Key, Value: kv.Value.Cpu())).ToArray();
            Torch.Save(model.StateDict(), path);

            var loaded = Torch.Load(path);
            foreach (var (key, value) in expected)
            {
                Assert.Equal(Device.Cpu, loaded[key].Device);
                AssertClose(value, loaded[key], 0);
            }
            var again = new Sequential(new Linear(5, 3), new ReLU(), new Linear(3, 2)).To(UnderTest);
            again.LoadStateDict(loaded);
            foreach (var (key, value) in expected)
            {
                Assert.Equal(UnderTest, again.StateDict()[key].Device);
                AssertClose(value, again.StateDict()[key].Cpu(), 0);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_view_of_a_device_tensor_saves_its_elements()
    {
        string path = Path.Combine(Path.GetTempPath(), $"staticnet-device-view-{Environment.ProcessId}-{Guid.NewGuid():N}.pth");
        try
        {
            var x = Torch.Arange(12, DType.Float64).View(3, 4);
            var view = x.To(UnderTest)[1..3, 1..];   // an offset, a non-contiguous row stride
            var sd = new StateDict { { "v", view } };
            Torch.Save(sd, path);
            AssertClose(x[1..3, 1..].Contiguous(), Torch.Load(path)["v"].Contiguous(), 0);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
