using StaticNet.Tensorboard;
using StaticNet.Tests.IO;

namespace StaticNet.Tests.Tensorboard;

public class AddEmbeddingTests
{
    [Fact]
    public void FilesAreWrittenAsPyTorchsAddEmbeddingWritesThem()
    {
        using var dir = new TempFolder();
        using (var writer = new SummaryWriter(dir.Path))
        {
            writer.AddEmbedding(Torch.Tensor(new[,] { { 0.1f, 1f }, { -2.5f, 1e-5f } }), ["cat", "dog"]);
            writer.AddEmbedding(Torch.Tensor(new[,] { { 3L }, { -4L } }), globalStep: 7, tag: "a/b");
        }
        // Python's str() of each float32 value widened to double (what numpy's .item() gives), as computed by python3.
        Assert.Equal("0.10000000149011612\t1.0\n-2.5\t9.999999747378752e-06\n", File.ReadAllText(Path.Combine(dir.Path, "00000", "default", "tensors.tsv")));
        Assert.Equal("cat\ndog\n", File.ReadAllText(Path.Combine(dir.Path, "00000", "default", "metadata.tsv")));
        Assert.Equal("3\n-4\n", File.ReadAllText(Path.Combine(dir.Path, "00007", "a%2fb", "tensors.tsv")));
        Assert.False(File.Exists(Path.Combine(dir.Path, "00007", "a%2fb", "metadata.tsv")));
        // google.protobuf.text_format.MessageToString of the ProjectorConfig PyTorch builds for these two calls.
        Assert.Equal(
            "embeddings {\n  tensor_name: \"default:00000\"\n  metadata_path: \"00000/default/metadata.tsv\"\n  tensor_path: \"00000/default/tensors.tsv\"\n}\n" +
            "embeddings {\n  tensor_name: \"a/b:00007\"\n  tensor_path: \"00007/a%2fb/tensors.tsv\"\n}\n",
            File.ReadAllText(Path.Combine(dir.Path, "projector_config.pbtxt")));
    }

    [Fact]
    public void TheConfigEscapesStringsAsProtobufTextFormatDoes()
    {
        using var dir = new TempFolder();
        using (var writer = new SummaryWriter(dir.Path)) writer.AddEmbedding(Torch.Zeros(1, 1), tag: "é'\\");
        // text_format.MessageToString(EmbeddingInfo(tensor_name="é'\\")) escapes UTF-8 bytes in octal, ' and \ with '\'.
        string config = File.ReadAllText(Path.Combine(dir.Path, "projector_config.pbtxt"));
        Assert.StartsWith("embeddings {\n  tensor_name: \"\\303\\251\\'\\\\:00000\"\n", config);
        Assert.Equal("0.0\n", File.ReadAllText(Path.Combine(dir.Path, "00000", "é'%5c", "tensors.tsv")));
    }

    [Fact]
    public void MisuseNamesTheTagAndTheShapes()
    {
        using var dir = new TempFolder();
        using var writer = new SummaryWriter(dir.Path);
        var e = Assert.Throws<ArgumentException>(() => writer.AddEmbedding(Torch.Zeros(3), tag: "v"));
        Assert.Contains("AddEmbedding('v')", e.Message);
        Assert.Contains("2D", e.Message);
        e = Assert.Throws<ArgumentException>(() => writer.AddEmbedding(Torch.Zeros(3, 2), ["x"]));
        Assert.Contains("1 labels for 3 rows", e.Message);
        Assert.Equal("%25%2f%5c", Projector.Encode("%/\\"));
    }
}
