using System.Text.Json;
using System.Text.Json.Serialization;
using InferBench.Import;
using InferBench.Tests.Support;

namespace InferBench.Tests.Import;

/// <summary>
/// The shared trained checkpoint (../shared/fixtures/models/tiny-trained-llama-hf) imported once at fp32 for CPU, with its
/// PyTorch reference (reference/reference.json); tests skip where the fixture is absent.
/// </summary>
public sealed class TrainedLlamaImport : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly Lazy<string> _folder;

    public TrainedLlamaImport() => _folder = new Lazy<string>(() =>
    {
        var folder = _temp.Combine("fp32");
        CheckpointImporter.Import(SharedFixtures.TinyTrainedLlamaPath!, folder, new ImportOptions());
        return folder;
    });

    /// <summary>The imported folder; skips the test where the fixture is absent.</summary>
    public string Require()
    {
        SharedFixtures.RequireTinyTrainedLlama();
        return _folder.Value;
    }

    public static string ReferencePath(string file) => Path.Combine(SharedFixtures.TinyTrainedLlamaPath!, "reference", file);

    public static Reference LoadReference() =>
        JsonSerializer.Deserialize<Reference>(File.ReadAllBytes(ReferencePath("reference.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;

    public void Dispose() => _temp.Dispose();

    /// <param name="TokenLogprob">[chunk][i] = ln p(chunks[c][i + 1] | chunks[c][..i]).</param>
    public sealed record Reference(int[][] Chunks, double[][] TokenLogprob, int[][] Top1, double Perplexity,
        [property: JsonPropertyName("windows_512_256_perplexity")] double Windows512256Perplexity);
}
