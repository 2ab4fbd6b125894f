using StaticNet.NN;

namespace StaticNet.Tests.NN;

/// <summary>BatchNorm1d/2d against outputs, gradients and running statistics printed by PyTorch 1.13.</summary>
public class BatchNormTests
{
    private static Tensor X() => Torch.Tensor(new[,] { { 1.0f, -0.5f, 2.0f }, { 0.2f, 0.1f, -1.0f }, { -2.0f, 0.7f, 0.0f }, { 0.5f, 1.5f, 0.3f } });
    private static Tensor G() => Torch.Tensor(new[,] { { 0.3f, -1.0f, 0.5f }, { 1.2f, 0.4f, -0.7f }, { 0.1f, 0.2f, 0.3f }, { -0.5f, 0.9f, 1.1f } });

    private static BatchNorm1d Affine()
    {
        var bn = new BatchNorm1d(3);
        using (Torch.NoGrad())
        {
            bn.Weight!.Copy_(Torch.Tensor(new[] { 1.5f, 0.5f, -1.0f }));
            bn.Bias!.Copy_(Torch.Tensor(new[] { 0.1f, -0.2f, 0.3f }));
        }
        return bn;
    }

    [Fact]
    public void TrainingNormalizesWithBatchStatisticsAndUpdatesRunningStatistics()
    {
        var bn = Affine();
        var x = X().RequiresGrad_();
        var y = bn.Forward(x);
        Assert.Equal("NativeBatchNormBackward0", y.GradFn!.Name);
        Assert.Equal(3, y.GradFn.NextFunctions.Count);
        LossAssert.Close([1.5051601f, -0.8419447f, -1.2506037f, 0.45945954f, -0.4365059f, 1.5265969f, -2.416217f, -0.031067183f, 0.6008634f, 0.8515972f, 0.5095178f, 0.32314333f], y);
        LossAssert.Close([-0.0075f, 0.045f, 0.0325f], bn.RunningMean!);
        LossAssert.Close([1.0755833f, 0.973f, 1.0555834f], bn.RunningVar!);
        Assert.Equal(1L, bn.NumBatchesTracked!.Item<long>());

        y.Backward(G());
        LossAssert.Close([-0.013337673f, -0.2311159f, 0.35967776f, 1.1973199f, 0.380751f, 0.4947529f, -0.14634658f, -0.08855218f, -0.10571221f, -1.0376354f, -0.061082855f, -0.7487185f], x.Grad!);
        LossAssert.Close([0.15031949f, 2.4393897f, 1.5182029f], bn.Weight!.Grad!);
        LossAssert.Close([1.1f, 0.5f, 1.2f], bn.Bias!.Grad!);

        bn.Forward(X() * 2.0);
        LossAssert.Close([-0.02175f, 0.1305f, 0.09425f], bn.RunningMean!);
        LossAssert.Close([1.6703583f, 1.1677f, 1.5723584f], bn.RunningVar!);
        Assert.Equal(2L, bn.NumBatchesTracked!.Item<long>());
    }

    [Fact]
    public void EvaluationUsesTheRunningStatistics()
    {
        var bn = Affine();
        bn.Forward(X());
        bn.Forward(X() * 2.0);
        bn.Eval();
        var x = X().RequiresGrad_();
        var y = bn.Forward(x);
        LossAssert.Close([1.28585f, -0.4917344f, -1.2198081f, 0.35736457f, -0.21411245f, 1.1726487f, -2.1959705f, 0.063509464f, 0.37516302f, 0.7055466f, 0.433672f, 0.13591734f], y);
        Assert.Equal(2L, bn.NumBatchesTracked!.Item<long>()); // evaluation does not count batches
        y.Backward(G());
        LossAssert.Close([0.3481821f, -0.46270323f, -0.3987428f, 1.3927283f, 0.18508129f, 0.5582399f, 0.11606069f, 0.092540644f, -0.23924568f, -0.5803034f, 0.4164329f, -0.87723416f], x.Grad!);
        LossAssert.Close([0.08814807f, 1.8181922f, 1.5287001f], bn.Weight!.Grad!);
    }

    [Fact]
    public void MomentumNoneKeepsACumulativeAverage()
    {
        var bn = new BatchNorm1d(3, momentum: null);
        bn.Forward(X());
        bn.Forward(X() * 2.0);
        LossAssert.Close([-0.1125f, 0.675f, 0.4875f], bn.RunningMean!);
        LossAssert.Close([4.389583f, 1.825f, 3.8895833f], bn.RunningVar!);
    }

    [Fact]
    public void BatchNorm2dNormalizesOverBatchAndSpatialPositions()
    {
        var x = Torch.Arange(24).Reshape(2, 3, 2, 2).Float().Sin().RequiresGrad_();
        var bn = new BatchNorm2d(3, momentum: 0.2);
        var y = bn.Forward(x);
        LossAssert.Close([-0.861763f, 0.8362894f, 0.97316027f, -0.5769889f, -0.6645297f, -1.0394713f, 0.2210364f, 1.9580882f, 1.1777428f, 0.41844958f, -0.83924335f, -1.4390188f,
            -1.9445442f, -0.013883915f, 1.1372403f, 0.4504901f, 0.20529126f, -1.0440592f, -0.65374225f, 1.0173862f, 1.0772302f, 0.9768799f, -0.13528831f, -1.2367522f], y);
        LossAssert.Close([0.08540945f, -0.079714164f, 0.018799866f], bn.RunningMean!);
        LossAssert.Close([0.8561281f, 0.86642116f, 0.93210155f], bn.RunningVar!);
        y.Backward(Torch.Arange(24).Reshape(2, 3, 2, 2).Float().Cos());
        LossAssert.Close([1.2465036f, 1.2114459f, -0.64668053f, -2.6195228f, -1.2365763f, 0.7188825f, 1.2452016f, -0.14151429f, 0.23113188f, -0.67059916f, -0.4012818f, 0.79147476f,
            0.36223635f, 1.5054284f, 0.5552656f, -1.6146767f, -2.3033245f, -0.31510234f, 1.1946207f, 0.8378126f, 0.97325456f, -0.2700808f, -0.7106025f, 0.056703072f], x.Grad!, 1e-4f);
        LossAssert.Close([-2.083916f, 2.492852f, 0.8439909f], bn.Weight!.Grad!, 1e-4f);
        LossAssert.Close([1.262513f, 1.7602897f, -3.5637171f], bn.Bias!.Grad!, 1e-4f);
        bn.Eval();
        LossAssert.Close([-0.092306867f, 0.8171189f, 0.8904228f, 0.060209583f, -0.7274084f, -0.9445515f, -0.2145428f, 0.7914511f, 1.0052816f, 0.40739018f, -0.58295673f, -1.0552388f,
            -0.6722119f, 0.36179164f, 0.97829914f, 0.6104964f, -0.22366141f, -0.9472086f, -0.72116095f, 0.2466542f, 0.92613477f, 0.84711576f, -0.028640438f, -0.89596766f], bn.Forward(x));
    }

    [Fact]
    public void WithoutRunningStatisticsEvaluationStillUsesTheBatch()
    {
        var bn = new BatchNorm1d(3, affine: false, trackRunningStats: false);
        bn.Eval();
        LossAssert.Close([0.93677336f, -1.2838893f, 1.5506036f, 0.2396397f, -0.47301185f, -1.2265968f, -1.677478f, 0.33786562f, -0.30086339f, 0.50106484f, 1.4190357f, -0.023143321f], bn.Forward(X()));
        Assert.Empty(bn.StateDict().Keys);
        Assert.Empty(bn.Parameters());
    }

    [Fact]
    public void ThreeDimensionalInputNormalizesOverBatchAndLength()
    {
        var x = Torch.Arange(12).Reshape(2, 3, 2).Float().Cos();
        LossAssert.Close([1.0164638f, -1.4902438f, 0.5711079f, -1.0712632f, -0.7650864f, 1.2693727f, 0.7992743f, -0.32549447f, 1.3457109f, -0.8455561f, -1.167565f, 0.6632789f],
            new BatchNorm1d(3).Forward(x));
    }

    [Fact]
    public void StateDictHoldsParametersThenBuffersWithPyTorchsNames()
    {
        var bn = new BatchNorm2d(2);
        Assert.Equal(new[] { "weight", "bias", "running_mean", "running_var", "num_batches_tracked" }, bn.StateDict().Keys);
        Assert.Equal(new[] { "weight", "bias" }, bn.NamedParameters().Select(p => p.Name));
        Assert.Equal(DType.Int64, bn.NumBatchesTracked!.DType);
        Assert.Equal(new[] { 1f, 1f }, bn.Weight!.ToArray<float>());
        Assert.Equal(new[] { 0f, 0f }, bn.Bias!.ToArray<float>());
        Assert.Equal(new[] { 0f, 0f }, bn.RunningMean!.ToArray<float>());
        Assert.Equal(new[] { 1f, 1f }, bn.RunningVar!.ToArray<float>());
        Assert.Equal(new[] { "running_mean", "running_var", "num_batches_tracked" }, new BatchNorm1d(3, affine: false).StateDict().Keys);
    }

    [Fact]
    public void PrintsLikePyTorch()
    {
        Assert.Equal("BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)", new BatchNorm2d(16).ToString());
        Assert.Equal("BatchNorm1d(3, eps=1e-05, momentum=None, affine=True, track_running_stats=True)", new BatchNorm1d(3, momentum: null).ToString());
        Assert.Equal("BatchNorm1d(3, eps=0.001, momentum=0.1, affine=False, track_running_stats=False)",
            new BatchNorm1d(3, eps: 1e-3, affine: false, trackRunningStats: false).ToString());
    }

    [Fact]
    public void ErrorsUsePyTorchsWording()
    {
        Assert.Contains("expected 2D or 3D input (got 4D input)", Assert.Throws<ArgumentException>(() => new BatchNorm1d(3).Forward(Torch.Randn(2, 3, 4, 5))).Message);
        Assert.Contains("expected 4D input (got 3D input)", Assert.Throws<ArgumentException>(() => new BatchNorm2d(3).Forward(Torch.Randn(2, 3, 4))).Message);
        Assert.Contains("running_mean should contain 4 elements not 3", Assert.Throws<ArgumentException>(() => new BatchNorm2d(3).Forward(Torch.Randn(2, 4, 4, 4))).Message);
        Assert.Contains("Expected more than 1 value per channel when training, got input size [1, 3]",
            Assert.Throws<ArgumentException>(() => new BatchNorm1d(3).Forward(Torch.Randn(1, 3))).Message);
        var bn = new BatchNorm1d(3);
        bn.Eval();
        Assert.Equal(new Size(1, 3), bn.Forward(Torch.Randn(1, 3)).Shape); // one sample is fine with running statistics
    }
}
