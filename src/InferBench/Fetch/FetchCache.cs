using InferBench.Manifest;

namespace InferBench.Fetch;

/// <summary>
/// The local folder fetched models live in: <c>{root}/{model}/{variant}</c>. A variant folder exists only once it is
/// complete; downloads in progress live beside it in <c>.{variant}.partial</c>, which never looks like a model folder.
/// A checkpoint's files are fetched once for every variant imported from it, into <c>{root}/{model}/{owner}--{name}@{revision}</c>
/// (<see cref="CheckpointName"/>: '@' is in no variant id).
/// </summary>
public sealed class FetchCache(string root)
{
    public const string EnvironmentVariable = "INFERBENCH_CACHE";

    /// <summary>The download cache's folder (or <see cref="EnvironmentVariable"/>).</summary>
    public const string CacheField = "cache";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary><paramref name="rootOverride"/> (--cache), else INFERBENCH_CACHE, else ~/.cache/inferbench/models.</summary>
    public static FetchCache FromEnvironment(string? rootOverride = null)
    {
        if (!string.IsNullOrWhiteSpace(rootOverride))
            return new FetchCache(rootOverride);
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return new FetchCache(string.IsNullOrWhiteSpace(fromEnvironment)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "inferbench", "models")
            : fromEnvironment);
    }

    /// <summary>Creates the model's folder in the cache, so a cache path that cannot hold it fails before any download.</summary>
    /// <exception cref="InputException">The folder cannot be created (a file in the way, no permission); the message names the path and the reason.</exception>
    public void RequireWritable(string model)
    {
        try
        {
            Directory.CreateDirectory(Path.Combine(Root, model));
        }
        catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
        {
            throw new InputFieldException([CacheField], $"cannot use {Root} as the download cache: {FileSystemProblem.Reason(e, Root)}");
        }
    }

    public string VariantFolder(string model, string variant) => Path.Combine(Root, model, variant);

    public string StagingFolder(string model, string variant) => Path.Combine(Root, model, $".{variant}.partial");

    public string LockFile(string model, string variant) => Path.Combine(Root, model, $".{variant}.lock");

    /// <summary>The name, in the model's folder, of the download of <paramref name="source"/>: <c>{owner}--{name}@{revision}</c>.</summary>
    public static string CheckpointName(CheckpointModelSource source) =>
        $"{source.Repo.Replace("/", "--", StringComparison.Ordinal)}@{source.Revision.Replace('/', '_')}";

    /// <summary>The checkpoint's download folder when a finished fetch of exactly that repository and revision is there; null otherwise.</summary>
    public string? CompleteCheckpoint(string model, CheckpointModelSource source) => CompleteFolder(model, CheckpointName(source), source.Hub);

    /// <summary>The variant's folder when a finished fetch of exactly <paramref name="source"/> is there; null otherwise.</summary>
    public string? CompleteFolder(string model, string variant, HuggingFaceModelSource source)
    {
        var folder = VariantFolder(model, variant);
        return FetchMarker.ReadFrom(folder) is { } marker && marker.IsOf(source) ? folder : null;
    }
}
