namespace InferBench.Tests.Support;

public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("inferbench-test-").FullName;

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>A copy of a model folder that a test may damage.</summary>
    public string CopyOf(string folder)
    {
        var target = Combine(new DirectoryInfo(folder).Name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(folder))
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        return target;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
