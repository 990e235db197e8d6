namespace InferBench.Onnx;

/// <summary>Writes files into one folder, each flushed to disk when done, and records the size of each.</summary>
/// <param name="createFile">Opens a file for writing; tests pass one that fails midway.</param>
/// <param name="cancellation">Checked before and after each file: a cancelled writer throws <see cref="OperationCanceledException"/>,
/// so a folder is never published after a signal.</param>
internal sealed class FolderFileWriter(string folderPath, Func<string, Stream> createFile, CancellationToken cancellation)
{
    private readonly Dictionary<string, long> _fileBytes = [];

    /// <summary>A new file on disk, refusing to overwrite one.</summary>
    public static Stream CreateNewFile(string path) =>
        new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);

    /// <summary>Size in bytes of each file written so far, by file name.</summary>
    public IReadOnlyDictionary<string, long> FileBytes => _fileBytes;

    /// <summary>Cancellation, the writer's, for the long writes inside one file.</summary>
    public CancellationToken Cancellation => cancellation;

    public void Write(string fileName, Action<Stream> write)
    {
        cancellation.ThrowIfCancellationRequested();
        var path = Path.Combine(folderPath, fileName);
        using (var stream = createFile(path))
        {
            write(stream);
            if (stream is FileStream file)
                file.Flush(flushToDisk: true);
        }
        _fileBytes[fileName] = new FileInfo(path).Length;
        cancellation.ThrowIfCancellationRequested();
    }
}
