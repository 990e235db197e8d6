using InferBench.Manifest;

namespace InferBench.Fetch;

/// <summary>
/// A file of a Hugging Face Hub dataset repository. The Hub addresses a dataset repository as <c>datasets/{owner}/{name}</c>
/// (its resolve URL is <c>{endpoint}/datasets/{owner}/{name}/resolve/{revision}/{path}</c>), which <see cref="Source"/> carries.
/// </summary>
/// <param name="Id">Name on the command line (<c>inferbench fetch wikitext-2</c>) and the folder in the cache.</param>
/// <param name="Repo">The dataset repository, <c>owner/name</c>.</param>
/// <param name="Revision">The pinned commit.</param>
/// <param name="Folder">The folder of the file in the repository.</param>
/// <param name="File">The file, with its SHA-256 where a public page gives it (else null: the fetch records the hash it got).</param>
/// <param name="Licence">The dataset's licence, as its card states it.</param>
/// <param name="Name">What reports call the text.</param>
public sealed record HubDataset(string Id, string Repo, string Revision, string Folder, ManifestFile File, string Licence, string Name)
{
    /// <summary>The cache folder (beside the models' folders) that holds fetched datasets.</summary>
    public const string CacheFolder = "datasets";

    /// <summary>Every dataset here is a parquet file with its text in this column; a fetch checks it is (<see cref="ParquetTextFile"/>).</summary>
    public const string TextColumn = "text";

    public HuggingFaceModelSource Source => new($"datasets/{Repo}", Revision, Folder);

    public string PathInRepo => $"{Folder}/{File.Path}";

    /// <summary>
    /// The WikiText-2 raw test split, the text llama.cpp's and most published perplexity tables use. The revision is
    /// the commit other public evaluation scripts pin; no public page shows the file's SHA-256, so the first fetch
    /// records the hash it got (in the cache's marker and every run.json).
    /// </summary>
    public static HubDataset WikiText2Test { get; } = new(
        "wikitext-2",
        "Salesforce/wikitext",
        "b08601e04326c79dfdd32d625aee71d232d685c3",
        "wikitext-2-raw-v1",
        new ManifestFile { Path = "test-00000-of-00001.parquet" },
        "CC BY-SA 3.0 and GFDL (the dataset card's cc-by-sa-3.0, gfdl)",
        "WikiText-2 raw test");

    public static IReadOnlyList<HubDataset> All { get; } = [WikiText2Test];

    public static HubDataset? Find(string id) => All.FirstOrDefault(dataset => dataset.Id == id);

    /// <summary>The downloaded file and its marker when a finished fetch of exactly this revision is in <paramref name="cache"/>; null otherwise.</summary>
    public (string FilePath, FetchedFile Fetched)? InCache(FetchCache cache)
    {
        if (cache.CompleteFolder(CacheFolder, Id, Source) is not { } folder)
            return null;
        var fetched = FetchMarker.ReadFrom(folder)!.Files.FirstOrDefault(file => file.Path == File.Path);
        var path = System.IO.Path.Combine(folder, File.Path);
        return fetched is not null && System.IO.File.Exists(path) ? (path, fetched) : null;
    }
}
