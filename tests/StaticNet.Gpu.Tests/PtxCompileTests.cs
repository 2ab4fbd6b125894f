using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using StaticNet.Kernels.Ilgpu;

namespace StaticNet.Gpu.Tests;

/// <summary>
/// The convolution, GEMM, pow, pooling, activation, indexing and optimizer kernels compile to PTX (for an sm_90 device) without a GPU (ILGPU's
/// PTX backend needs only a context): constructs the CPU accelerator accepts but the PTX backend does not would
/// otherwise first show on a machine with a GPU. A separate context, so a failing compile cannot poison the one the
/// other tests use.
/// </summary>
public class PtxCompileTests
{
    public static TheoryData<string> Kernels() => [.. KernelMethods().Keys];

    private static Dictionary<string, MethodInfo> KernelMethods()
    {
        MethodInfo M(Type owner, string name, params Type[] generics) =>
            owner.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.MakeGenericMethod(generics);
        var f = typeof(float);
        var d = typeof(double);
        return new()
        {
            ["gemm16 float32"] = M(typeof(IlgpuKernels), nameof(IlgpuKernels.Gemm16), f),
            ["gemm16 float64"] = M(typeof(IlgpuKernels), nameof(IlgpuKernels.Gemm16), d),
            ["float pow float32"] = M(typeof(IlgpuKernels), nameof(IlgpuKernels.FloatPow), f),
            ["float pow float64"] = M(typeof(IlgpuKernels), nameof(IlgpuKernels.FloatPow), d),
            ["integer pow int64"] = M(typeof(IlgpuKernels), nameof(IlgpuKernels.IntegerPow), typeof(long)),
            ["reduce partial sum float32"] = M(typeof(IlgpuKernels), nameof(IlgpuKernels.ReducePartial), f, typeof(StaticNet.Kernels.SumOperator)),
            ["reduce sum float64"] = M(typeof(IlgpuKernels), nameof(IlgpuKernels.Reduce), d, typeof(StaticNet.Kernels.SumOperator)),
            ["im2col"] = M(typeof(IlgpuConvolutionKernels), nameof(IlgpuConvolutionKernels.Im2Col), f),
            ["col2im"] = M(typeof(IlgpuConvolutionKernels), nameof(IlgpuConvolutionKernels.Col2Im), f),
            ["conv scatter"] = M(typeof(IlgpuConvolutionKernels), nameof(IlgpuConvolutionKernels.Scatter), f),
            ["conv swap"] = M(typeof(IlgpuConvolutionKernels), nameof(IlgpuConvolutionKernels.Swap), d),
            ["max pool"] = M(typeof(IlgpuPoolingKernels), nameof(IlgpuPoolingKernels.MaxPool), f),
            ["max pool backward"] = M(typeof(IlgpuPoolingKernels), nameof(IlgpuPoolingKernels.MaxPoolBackward), f),
            ["avg pool backward"] = M(typeof(IlgpuPoolingKernels), nameof(IlgpuPoolingKernels.AvgPoolBackward), f, typeof(Float32Codec)),
            ["adaptive avg pool backward"] = M(typeof(IlgpuPoolingKernels), nameof(IlgpuPoolingKernels.AdaptiveAvgPoolBackward), d, typeof(Float64Codec)),
            ["gelu"] = M(typeof(IlgpuActivationKernels), nameof(IlgpuActivationKernels.Gelu), f, typeof(Float32Codec)),
            ["gelu backward"] = M(typeof(IlgpuActivationKernels), nameof(IlgpuActivationKernels.GeluBackward), d, typeof(Float64Codec)),
            ["leaky relu"] = M(typeof(IlgpuActivationKernels), nameof(IlgpuActivationKernels.LeakyRelu), f),
            ["put accumulate float32"] = M(typeof(IlgpuIndexKernels), nameof(IlgpuIndexKernels.PutAccumulate), f, typeof(AtomicFloat32)),
            ["put accumulate float64"] = M(typeof(IlgpuIndexKernels), nameof(IlgpuIndexKernels.PutAccumulate), d, typeof(AtomicFloat64)),
            ["gather"] = M(typeof(IlgpuIndexKernels), nameof(IlgpuIndexKernels.Gather), f),
            ["fused update sgd"] = M(typeof(IlgpuOptimizerKernels), nameof(IlgpuOptimizerKernels.Update), f, typeof(StaticNet.Optim.SGD.ElementRule<float>)),
            ["fused update adam"] = M(typeof(IlgpuOptimizerKernels), nameof(IlgpuOptimizerKernels.Update), d, typeof(StaticNet.Optim.Kernels.AdamUpdate.ElementRule<double>)),
            ["embedding backward"] = M(typeof(IlgpuIndexKernels), nameof(IlgpuIndexKernels.EmbeddingBackward), f),
        };
    }

    private static readonly Lazy<(Context Context, PTXBackend Backend)> Ptx = new(() =>
    {
        var context = Context.Create(b => b.Default().EnableAlgorithms());
        return (context, new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_90), CudaArchitecture.SM_90, CudaInstructionSet.ISA_84, null));
    });

    [Theory, MemberData(nameof(Kernels))]
    public void Kernel_compiles_to_ptx(string kernel)
    {
        var method = KernelMethods()[kernel];
        PTXCompiledKernel compiled;
        lock (Ptx)
        {
            var entry = EntryPointDescription.FromExplicitlyGroupedKernel(method);
            compiled = (PTXCompiledKernel)Ptx.Value.Backend.Compile(entry, KernelSpecialization.Empty);
        }
        // Asked for sm_90, ILGPU 1.5.3 writes ".target sm_80" (the newest target it emits); the driver JIT-compiles
        // that PTX for an H100.
        Assert.Matches(@"\.target sm_[89]\d", compiled.PTXAssembly);
        Assert.Contains(".entry", compiled.PTXAssembly);
    }
}
