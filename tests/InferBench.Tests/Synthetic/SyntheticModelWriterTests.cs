using System.Security.Cryptography;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Synthetic;

public sealed class SyntheticModelWriterTests : IDisposable
{
    private static readonly SyntheticModelConfig Tiny = SyntheticModelPresets.Tiny;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Writes_the_genai_folder_and_a_stamp_recording_the_config_and_every_file()
    {
        var folder = _temp.Combine("model");

        var stamp = SyntheticModelWriter.Write(Tiny, folder);

        Assert.Equal(["genai_config.json", "model.onnx", "model.onnx.data", "synthetic.json"], FileNames(folder));
        Assert.Equal(Tiny, stamp.Config);
        Assert.Equal(Tiny.ParameterCount, stamp.ParameterCount);
        var read = SyntheticModelStamp.TryRead(folder)!;
        Assert.Equal(stamp, read with { FileBytes = stamp.FileBytes });
        Assert.Equal(stamp.FileBytes, read.FileBytes);
        Assert.True(SyntheticModelStamp.IsCompleteFor(folder, Tiny));
        Assert.False(SyntheticModelStamp.IsCompleteFor(folder, Tiny with { Seed = 2 }));
        Assert.Equal(["model"], Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void The_same_seed_gives_byte_identical_files()
    {
        var first = _temp.Combine("first");
        var second = _temp.Combine("second");

        SyntheticModelWriter.Write(Tiny, first);
        SyntheticModelWriter.Write(Tiny, second);

        foreach (var name in FileNames(first))
            Assert.Equal(Sha256(Path.Combine(first, name)), Sha256(Path.Combine(second, name)));
    }

    [Fact]
    public void Another_seed_changes_the_weights_and_nothing_else()
    {
        var first = _temp.Combine("first");
        var second = _temp.Combine("second");

        SyntheticModelWriter.Write(Tiny, first);
        SyntheticModelWriter.Write(Tiny with { Seed = 99 }, second);

        Assert.NotEqual(Sha256(Path.Combine(first, "model.onnx.data")), Sha256(Path.Combine(second, "model.onnx.data")));
        Assert.Equal(Sha256(Path.Combine(first, "model.onnx")), Sha256(Path.Combine(second, "model.onnx")));
        Assert.Equal(Sha256(Path.Combine(first, "genai_config.json")), Sha256(Path.Combine(second, "genai_config.json")));
    }

    /// <summary>
    /// Pins the generator: a change to any byte of the tiny model must come with a new
    /// <see cref="SyntheticModelStamp.CurrentGeneratorVersion"/> (so caches rebuild) and new hashes here.
    /// </summary>
    [Fact]
    public void The_tiny_model_bytes_are_those_of_generator_version_1()
    {
        var folder = _temp.Combine("model");

        SyntheticModelWriter.Write(Tiny, folder);

        Assert.Equal(1, SyntheticModelStamp.CurrentGeneratorVersion);
        Assert.Equal("2dd27edd63810467e13678d6dfda8c8a8729139d702f82c36556a6b7f27b84f1", Sha256(Path.Combine(folder, "model.onnx.data")));
        Assert.Equal("23ae8ec291cc78422b392b51167b56979f9949445104e3170349b8bfdf2c30e2", Sha256(Path.Combine(folder, "model.onnx")));
    }

    [Theory]
    [InlineData("model.onnx.data", 100_000)]
    [InlineData("model.onnx", 1_000)]
    [InlineData("synthetic.json", 10)]
    public void A_write_failing_midway_leaves_no_folder_behind(string failingFile, long bytesBeforeFailure)
    {
        var folder = _temp.Combine("model");

        var error = Assert.ThrowsAny<InputException>(() => SyntheticModelWriter.Write(Tiny, folder,
            path => Path.GetFileName(path) == failingFile
                ? new FailingStream(path, bytesBeforeFailure, DiskFull.Exception())
                : new FileStream(path, FileMode.CreateNew)));

        Assert.Equal($"outputFolder: cannot write the model to {folder}: No space left on device", error.Message);
        // A full disk is no bad input: the front end exits 1, as for a failed save.
        Assert.IsType<OutOfSpaceException>(error);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Theory]
    [InlineData("model.onnx.data")]
    [InlineData("model.onnx")]
    [InlineData("synthetic.json")]
    public void A_signal_midway_stops_the_build_and_leaves_no_folder_behind(string fileBeingWrittenAtTheSignal)
    {
        var folder = _temp.Combine("model");
        using var signal = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => SyntheticModelWriter.Write(Tiny, folder, path =>
        {
            if (Path.GetFileName(path) == fileBeingWrittenAtTheSignal)
                signal.Cancel();
            return new FileStream(path, FileMode.CreateNew);
        }, signal.Token));

        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void An_unexpected_exception_midway_propagates_and_leaves_no_folder_behind()
    {
        var folder = _temp.Combine("model");

        Assert.Throws<InvalidOperationException>(() => SyntheticModelWriter.Write(Tiny, folder,
            path => new FailingStream(path, 5_000, new InvalidOperationException("injected"))));

        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void A_folder_that_cannot_be_created_is_bad_input_and_leaves_nothing_behind()
    {
        var blocker = _temp.Combine("a-file");
        File.WriteAllText(blocker, "not a folder");

        var error = Assert.ThrowsAny<InputException>(() => SyntheticModelWriter.Write(Tiny, Path.Combine(blocker, "model")));

        Assert.StartsWith($"outputFolder: cannot write the model to {Path.Combine(blocker, "model")}", error.Message);
        Assert.Equal([blocker], Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void An_earlier_synthetic_model_is_replaced_whole()
    {
        var folder = _temp.Combine("model");
        SyntheticModelWriter.Write(Tiny, folder);

        SyntheticModelWriter.Write(Tiny with { Seed = 5, Layers = 1 }, folder);

        Assert.True(SyntheticModelStamp.IsCompleteFor(folder, Tiny with { Seed = 5, Layers = 1 }));
        Assert.Equal(["model"], Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_folder_holding_anything_else_is_left_alone()
    {
        var folder = _temp.Combine("results");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "keep.txt"), "mine");

        var error = Assert.ThrowsAny<InputException>(() => SyntheticModelWriter.Write(Tiny, folder));

        Assert.Equal($"outputFolder: {folder} is not empty and holds no synthetic model; choose a new or empty folder", error.Message);
        Assert.Equal(["keep.txt"], FileNames(folder));
        Assert.Equal(["results"], Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_truncated_or_unstamped_folder_is_not_complete()
    {
        var folder = _temp.Combine("model");
        SyntheticModelWriter.Write(Tiny, folder);
        using (var data = new FileStream(Path.Combine(folder, "model.onnx.data"), FileMode.Open))
            data.SetLength(data.Length - 1);

        Assert.False(SyntheticModelStamp.IsCompleteFor(folder, Tiny));

        File.Delete(Path.Combine(folder, SyntheticModelStamp.FileName));
        Assert.False(SyntheticModelStamp.IsCompleteFor(folder, Tiny));
        Assert.Null(SyntheticModelStamp.TryRead(folder));
    }

    private static string[] FileNames(string folder) => Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
