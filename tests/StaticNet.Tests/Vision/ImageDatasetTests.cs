using StaticNet.Vision;

namespace StaticNet.Tests.Vision;

/// <summary>ImageFolder and the CSV-annotated dataset on PNGs the tests write.</summary>
public class ImageDatasetTests
{
    // A 1-channel 2×2 PNG whose pixels are all <paramref name="value"/>.
    private static void Png(string path, byte value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Image.Save(Torch.Full([1, 2, 2], (long)value, DType.UInt8), path);
    }

    [Fact]
    public void ImageFolderNumbersClassesBySortedFolderName()
    {
        using var dir = new TempFolder();
        Png(dir.File("dog/b.png"), 1);
        Png(dir.File("dog/a.png"), 2);
        Png(dir.File("cat/z/deep.png"), 3);
        Png(dir.File("cat/top.png"), 4);
        Png(dir.File("Zebra/x.PNG"), 5);
        File.WriteAllText(dir.File("dog/notes.txt"), "not an image");
        var data = new ImageFolder(dir.Path);
        Assert.Equal(new[] { "Zebra", "cat", "dog" }, data.Classes); // ordinal: upper case first
        Assert.Equal(2L, data.ClassToIdx["dog"]);
        Assert.Equal(5, data.Count);
        // Files of the class folder before those of its sub-folders; within a folder sorted by name.
        Assert.Equal(new byte[] { 5, 4, 3, 2, 1 }, Enumerable.Range(0, 5).Select(i => data[i].Image.ToArray<byte>()[0]).ToArray());
        Assert.Equal(new long[] { 0, 1, 1, 2, 2 }, Enumerable.Range(0, 5).Select(i => data[i].Label).ToArray());
        // torchvision's loader converts to RGB.
        Assert.Equal(new long[] { 3, 2, 2 }, data[0].Image.Shape.ToArray());
    }

    [Fact]
    public void ImageFolderWithoutClassFoldersOrImagesSaysSo()
    {
        using var dir = new TempFolder();
        Assert.Contains("couldn't find any class folder", Assert.Throws<FileNotFoundException>(() => new ImageFolder(dir.Path)).Message);
        Directory.CreateDirectory(dir.File("empty"));
        Assert.Contains("found no valid file for the classes empty", Assert.Throws<FileNotFoundException>(() => new ImageFolder(dir.Path)).Message);
    }

    [Fact]
    public void CsvDatasetReadsFileNameAndLabelAfterTheHeader()
    {
        using var dir = new TempFolder();
        Png(dir.File("img/tshirt1.png"), 10);
        Png(dir.File("img/a, b.png"), 20);
        File.WriteAllText(dir.File("labels.csv"), "file,label\ntshirt1.png, 0\n\"a, b.png\",7\n");
        var data = new CsvImageDataset(dir.File("labels.csv"), dir.File("img"), transform: new ToTensor());
        Assert.Equal(2, data.Count);
        Assert.Equal(0L, data[0].Label);
        Assert.Equal(7L, data[1].Label);
        Assert.Equal(new long[] { 1, 2, 2 }, data[1].Image.Shape.ToArray()); // read_image keeps the file's channels
        Assert.Equal(20 / 255f, data[1].Image[0, 0, 0].Item<float>());
    }

    [Fact]
    public void CsvDatasetWithTargetTransformToAnotherType()
    {
        using var dir = new TempFolder();
        Png(dir.File("x.png"), 1);
        File.WriteAllText(dir.File("labels.csv"), "x.png,2\n");
        var data = new CsvImageDataset<string>(dir.File("labels.csv"), dir.Path, new Lambda<long, string>(y => $"class {y}"), hasHeader: false);
        Assert.Equal("class 2", data[0].Label);
    }

    [Fact]
    public void CsvDatasetErrorsNameTheLine()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("bad.csv"), "file,label\na.png,1\nb.png,cat\n");
        var e = Assert.Throws<DataFormatException>(() => new CsvImageDataset(dir.File("bad.csv"), dir.Path));
        Assert.Equal(3, e.Offset);
        Assert.Contains("line 3: the label \"cat\" in column 2 is not an integer", e.Message);
        File.WriteAllText(dir.File("short.csv"), "file,label\nonlyname\n");
        Assert.Contains("line 2 has 1 field", Assert.Throws<DataFormatException>(() => new CsvImageDataset(dir.File("short.csv"), dir.Path)).Message);
        File.WriteAllText(dir.File("quote.csv"), "\"a.png,1\n");
        Assert.Contains("never closed", Assert.Throws<DataFormatException>(() => new CsvImageDataset(dir.File("quote.csv"), dir.Path, hasHeader: false)).Message);
    }

    [Fact]
    public void CsvDatasetMissingImageNamesThePath()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("labels.csv"), "f,l\nmissing.png,1\n");
        var data = new CsvImageDataset(dir.File("labels.csv"), dir.Path);
        Assert.Contains("missing.png", Assert.Throws<FileNotFoundException>(() => data[0]).Message);
    }
}
