using InferBench.Reports;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

public sealed class AtomicFileTests
{
    [Fact]
    public void WritesANewFileAndLeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("report.md");

        AtomicFile.WriteAllText(path, "héllo\n");

        Assert.Equal("héllo\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(folder.Path));
        Assert.Equal([0x68, 0xC3, 0xA9], File.ReadAllBytes(path)[..3]); // UTF-8, no byte order mark
    }

    [Fact]
    public void ReplacesExistingContent()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("run.json");
        File.WriteAllText(path, "old content that is longer than the new one");

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void FailedReplaceLeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        var blocker = folder.Combine("results.csv");
        Directory.CreateDirectory(blocker); // a folder cannot be replaced by a file

        Assert.ThrowsAny<Exception>(() => AtomicFile.WriteAllText(blocker, "data"));

        Assert.Equal([blocker], Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void A_set_whose_later_file_cannot_be_written_leaves_every_file_of_the_set_as_it_was()
    {
        using var folder = new TempFolder();
        var first = folder.Combine("results.csv");
        File.WriteAllText(first, "the earlier merge's rows");
        // A folder that does not exist stands in for a disk that fills after the first file.
        var unwritable = Path.Combine(folder.Combine("missing"), "report.md");

        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAll([(first, "new rows"), (unwritable, "new report")]));

        Assert.Equal("the earlier merge's rows", File.ReadAllText(first));
        Assert.Equal([first], Directory.GetFileSystemEntries(folder.Path));
    }
}
