using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Synthetic;

/// <summary>
/// A second Ctrl-C ends a write at once and leaves its hidden staging folder behind: the next write to the same folder
/// removes such leftovers, and leaves alone the staging folder of a writer that is still at work (its lock file held).
/// </summary>
public sealed class AbandonedStagingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_next_write_removes_the_staging_and_retired_folders_a_killed_writer_left()
    {
        var abandoned = LeftOver(".model.partial-0badf00d");
        var retired = LeftOver(".model.old-0badf00d");
        File.WriteAllText(abandoned + ".lock", "");
        var ofOtherFolder = LeftOver(".other.partial-0badf00d");
        var orphanLock = _temp.Combine(".model.partial-10cc0000.lock");
        File.WriteAllText(orphanLock, "");

        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, _temp.Combine("model"));

        Assert.False(Directory.Exists(abandoned));
        Assert.False(File.Exists(abandoned + ".lock"));
        Assert.False(Directory.Exists(retired));
        Assert.False(File.Exists(orphanLock));
        Assert.True(Directory.Exists(ofOtherFolder));
        Assert.Equal([".other.partial-0badf00d", "model"], Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_staging_folder_whose_writer_holds_its_lock_is_left_alone()
    {
        var live = LeftOver(".model.partial-11ve11ve");
        using (new FileStream(live + ".lock", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, _temp.Combine("model"));

        Assert.True(File.Exists(Path.Combine(live, "model.onnx.data")));
        Assert.True(File.Exists(_temp.Combine("model", "model.onnx")));
    }

    private string LeftOver(string name)
    {
        var folder = _temp.Combine(name);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx.data"), new byte[4096]);
        return folder;
    }
}
