using System.Text.Json;
using InferBench.Manifest;

namespace InferBench.Fetch;

/// <summary>
/// The file whose presence makes a cached variant folder complete. It is written into the staging folder last,
/// before the one rename that makes the folder appear, and records what was fetched so a stale copy can be told apart.
/// </summary>
public sealed record FetchMarker(string Repo, string Revision, string? Folder, DateTimeOffset FetchedUtc, IReadOnlyList<FetchedFile> Files)
{
    public const string FileName = ".inferbench-fetch.json";

    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    public bool IsOf(HuggingFaceModelSource source) =>
        Repo == source.Repo && Revision == source.Revision && Folder == source.Folder;

    public void WriteTo(string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, SerializerOptions));

    /// <summary>The marker in <paramref name="folder"/>; null when the folder or the marker is absent or unreadable.</summary>
    public static FetchMarker? ReadFrom(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<FetchMarker>(File.ReadAllText(path), SerializerOptions);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
