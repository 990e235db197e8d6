using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using InferBench.Manifest;

namespace InferBench.Fetch;

/// <summary>
/// Downloads a manifest variant's files from the Hugging Face Hub into the fetch cache. Files are verified (size,
/// and SHA-256 where the manifest gives it) in a staging folder; the variant folder then appears, complete with its
/// <see cref="FetchMarker"/>, by one rename. An interrupted fetch resumes where it stopped when run again.
/// </summary>
public sealed class VariantFetcher : IDisposable
{
    private const string StagingSourceFileName = ".inferbench-source";

    private readonly FetchCache _cache;
    private readonly HubSettings _hub;
    private readonly FetchOptions _options;
    private readonly HttpClient _client;

    public VariantFetcher(FetchCache cache, HubSettings hub, FetchOptions options)
    {
        if (options.AttemptsPerFile < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.AttemptsPerFile, "at least one attempt per file");
        _cache = cache;
        _hub = hub;
        _options = options;
        // No overall timeout: a 7 GB file takes as long as it takes; stalls are caught by FetchOptions.IdleTimeout.
        _client = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = options.IdleTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            // PartialFileDownloader follows redirects itself, to read the Hub's X-Linked-Etag before its CDN answers.
            AllowAutoRedirect = false,
        }) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(
            new ProductInfoHeaderValue("InferBench", typeof(VariantFetcher).Assembly.GetName().Version?.ToString(3) ?? "0"));
    }

    /// <returns>
    /// The variant's folder in the cache, complete; for a checkpoint variant, the checkpoint's download folder
    /// (<see cref="FetchCache.CheckpointName"/>), which every variant of that repository and revision imports from.
    /// </returns>
    /// <exception cref="InputException">The variant is not a Hugging Face or checkpoint variant or its file list cannot be fetched.</exception>
    /// <exception cref="FetchException">A download failed or a file is not what the manifest says.</exception>
    /// <exception cref="FetchStoppedException"><paramref name="cancellation"/> fired; what arrived is kept for the next run to resume.</exception>
    public async Task<string> FetchAsync(string model, ManifestVariant variant, IFetchProgress progress, CancellationToken cancellation)
    {
        var (folder, source) = RequireFetchable(model, variant);
        return await FetchFilesAsync(model, folder, source, variant.Files, progress, cancellation);
    }

    /// <summary>Where a fetchable variant's files come from: a Hugging Face variant's folder or a checkpoint's root; null for other sources.</summary>
    public static HuggingFaceModelSource? HubSourceOf(ManifestVariant variant) => variant.Source switch
    {
        HuggingFaceModelSource hub => hub,
        CheckpointModelSource checkpoint => checkpoint.Hub,
        _ => null,
    };

    /// <summary>
    /// A Hub dataset's file into <c>{cache}/{HubDataset.CacheFolder}/{dataset id}</c>, resumable and verified like a
    /// model's (its SHA-256 where the dataset pins one; the marker records the hash either way), and read as a parquet
    /// file with its text column before it is called verified: without a pinned hash, that is what tells the text from
    /// any other bytes the server sent.
    /// </summary>
    /// <returns>The dataset's folder in the cache, complete.</returns>
    /// <exception cref="FetchException">The download failed, or the file is not what the dataset pins or not its text.</exception>
    /// <exception cref="FetchStoppedException"><paramref name="cancellation"/> fired; what arrived is kept for the next run to resume.</exception>
    public Task<string> FetchAsync(HubDataset dataset, IFetchProgress progress, CancellationToken cancellation) =>
        FetchFilesAsync(HubDataset.CacheFolder, dataset.Id, dataset.Source, [dataset.File], progress, cancellation,
            path => ParquetTextFile.Read(path, HubDataset.TextColumn));

    /// <param name="readContent">Reads a downloaded file as what it must be, throwing <see cref="InvalidDataException"/> where it is not; null for model files.</param>
    private async Task<string> FetchFilesAsync(
        string model, string variant, HuggingFaceModelSource source, IReadOnlyList<ManifestFile> files, IFetchProgress progress, CancellationToken cancellation,
        Action<string>? readContent = null)
    {
        Directory.CreateDirectory(Path.Combine(_cache.Root, model));
        using var fetchLock = AcquireLock(model, variant);
        if (_cache.CompleteFolder(model, variant, source) is { } done)
            return done;
        var staging = PrepareStaging(_cache.StagingFolder(model, variant), source);
        var downloader = new PartialFileDownloader(_client, _hub, _options, progress);
        var fetched = new List<FetchedFile>();
        try
        {
            foreach (var file in files)
                fetched.Add(await FetchFileAsync(downloader, source, file, staging, progress, readContent, cancellation));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new FetchStoppedException(staging, cancellation);
        }

        File.Delete(Path.Combine(staging, StagingSourceFileName));
        new FetchMarker(source.Repo, source.Revision, source.Folder, DateTimeOffset.UtcNow, fetched).WriteTo(staging);
        return Publish(staging, _cache.VariantFolder(model, variant));
    }

    public void Dispose() => _client.Dispose();

    private async Task<FetchedFile> FetchFileAsync(
        PartialFileDownloader downloader, HuggingFaceModelSource source, ManifestFile file, string staging, IFetchProgress progress,
        Action<string>? readContent, CancellationToken cancellation)
    {
        var finalPath = Path.Combine(staging, file.Path);
        var url = HubUrls.Resolve(_hub.Endpoint, source, file.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        if (File.Exists(finalPath))
        {
            // Verified by an earlier run; checked again because the manifest may have gained a hash since.
            var earlier = new FetchedFile(file.Path, new FileInfo(finalPath).Length, await Sha256Async(finalPath, cancellation));
            if ((Mismatch(file, earlier, url) ?? ContentProblem(finalPath, readContent, url)) is null)
                return earlier;
            File.Delete(finalPath);
        }

        var partialPath = finalPath + ".partial";
        var (length, listedSha256) = await downloader.DownloadAsync(url, source.Repo, file.Path, partialPath, file.SizeBytes, cancellation);
        var downloaded = new FetchedFile(file.Path, length, await Sha256Async(partialPath, cancellation));
        if ((Mismatch(file, downloaded, url) ?? ListedMismatch(file, listedSha256, downloaded, url) ?? ContentProblem(partialPath, readContent, url)) is { } problem)
        {
            File.Delete(partialPath);
            throw new FetchException(problem);
        }
        File.Move(partialPath, finalPath);
        progress.FileVerified(file.Path);
        return downloaded;
    }

    /// <summary>What is wrong with <paramref name="actual"/> against the manifest's size and hash; null when nothing is.</summary>
    private static string? Mismatch(ManifestFile expected, FetchedFile actual, Uri url)
    {
        if (expected.SizeBytes is { } sizeBytes && actual.SizeBytes != sizeBytes)
            return $"{expected.Path}: {actual.SizeBytes} bytes downloaded from {url}, the manifest says {sizeBytes}";
        if (expected.Sha256 is { } sha256 && actual.Sha256 != sha256)
            return $"{expected.Path}: sha256 mismatch: expected {sha256}, got {actual.Sha256} (downloaded from {url}); "
                + "the file was deleted: check the manifest's revision and sha256, then fetch again";
        return null;
    }

    /// <summary>
    /// What is wrong with <paramref name="actual"/> against the SHA-256 the Hub lists for it, where the manifest gives
    /// none (a file it gives one for was checked against that); null when they agree or the Hub lists none.
    /// </summary>
    private static string? ListedMismatch(ManifestFile expected, string? listedSha256, FetchedFile actual, Uri url) =>
        expected.Sha256 is null && listedSha256 is { } listed && actual.Sha256 != listed
            ? $"{expected.Path}: sha256 mismatch: the Hub lists {listed} for it (X-Linked-Etag), got {actual.Sha256} (downloaded from {url}); "
              + "the file was deleted: fetch again"
            : null;

    /// <summary>Why the file at <paramref name="path"/> is not what <paramref name="readContent"/> reads; null when it is, or when there is nothing to read.</summary>
    private static string? ContentProblem(string path, Action<string>? readContent, Uri url)
    {
        try
        {
            readContent?.Invoke(path);
            return null;
        }
        catch (InvalidDataException e)
        {
            return $"{e.Message} (downloaded from {url}); the file was deleted: the server did not send the dataset's text";
        }
    }

    /// <returns>The folder in the model's cache folder the files go to, and the repository they come from.</returns>
    private static (string Folder, HuggingFaceModelSource Source) RequireFetchable(string model, ManifestVariant variant)
    {
        var name = $"{model}/{variant.Id}";
        if (HubSourceOf(variant) is not { } source)
            throw new InputException($"{name}: its source is a local folder, not a Hugging Face repository; there is nothing to fetch");
        if (variant.Files.Count == 0)
            throw new InputException($"{name}: the manifest lists no files; fetch downloads exactly the variant's \"files\"");
        if (variant.Files.Select(file => ManifestFile.PathProblem(file.Path)).FirstOrDefault(problem => problem is not null) is { } problem)
            throw new InputException($"{name}: {problem}");
        return (variant.Source is CheckpointModelSource checkpoint ? FetchCache.CheckpointName(checkpoint) : variant.Id, source);
    }

    private FileStream AcquireLock(string model, string variant)
    {
        var lockPath = _cache.LockFile(model, variant);
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new FetchException($"another inferbench fetch is downloading it (it holds {lockPath}); wait for it to finish");
        }
    }

    /// <summary>The staging folder, emptied first when it holds files of another repository, revision or folder.</summary>
    private static string PrepareStaging(string staging, HuggingFaceModelSource source)
    {
        var sourceFile = Path.Combine(staging, StagingSourceFileName);
        var identity = $"{source.Repo}@{source.Revision}:{source.Folder}";
        if (Directory.Exists(staging) && (!File.Exists(sourceFile) || File.ReadAllText(sourceFile) != identity))
            Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        File.WriteAllText(sourceFile, identity);
        return staging;
    }

    /// <summary>Renames the finished staging folder to the variant folder, replacing a finished fetch of another revision.</summary>
    private static string Publish(string staging, string variantFolder)
    {
        if (!Directory.Exists(variantFolder))
        {
            Directory.Move(staging, variantFolder);
            return variantFolder;
        }
        if (FetchMarker.ReadFrom(variantFolder) is null)
            throw new FetchException($"{variantFolder} exists but is not a finished fetch (it has no {FetchMarker.FileName}); remove it and fetch again");
        var previous = $"{variantFolder}.old-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        Directory.Move(variantFolder, previous);
        Directory.Move(staging, variantFolder);
        Directory.Delete(previous, recursive: true);
        return variantFolder;
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellation)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellation));
    }
}
