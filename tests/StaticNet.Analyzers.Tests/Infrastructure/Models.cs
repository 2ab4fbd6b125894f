namespace StaticNet.Analyzers.Tests.Infrastructure;

/// <summary>Model sources shared by several tests.</summary>
internal static class Models
{
    /// <summary>
    /// Seed 002's LeNet (1×32×32, two 3×3 convolutions each followed by 2×2 max pooling: 32 → 30 → 15 → 13 → 6), so
    /// <c>16 * 6 * 6 = 576</c> features reach fc1. <paramref name="fc1"/> is fc1's attribute, <paramref name="call"/> its call.
    /// </summary>
    public static string LeNet(string fc1 = "[Linear(16 * 6 * 6, 120)]", string call = "Fc1(x)") => $$"""
        [Model(Input = [1, 32, 32])]
        public partial class LeNet
        {
            [Conv2d(1, 6, kernel: 3)] public partial Tensor Conv1(Tensor x);
            [Conv2d(6, 16, kernel: 3)] public partial Tensor Conv2(Tensor x);
            {{fc1}} public partial Tensor Fc1(Tensor x);
            [Linear(120, 84)] public partial Tensor Fc2(Tensor x);
            [Linear(84, 10)] public partial Tensor Fc3(Tensor x);

            [Forward]
            private Tensor Network(Tensor x)
            {
                x = MaxPool2d(Relu(Conv1(x)), (2, 2));
                x = MaxPool2d(Relu(Conv2(x)), 2);
                x = x.View(-1, 16 * 6 * 6);
                x = Relu({{call}});
                x = Relu(Fc2(x));
                return Fc3(x);
            }
        }
        """;
}
