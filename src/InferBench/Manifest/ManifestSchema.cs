using System.Text.Json;
using Json.Schema;

namespace InferBench.Manifest;

/// <summary>The embedded models.manifest.schema.json: as JSON (to word messages from) and built for evaluation.</summary>
internal static class ManifestSchema
{
    private const string ResourceName = "InferBench.Schemas.models.manifest.schema.json";

    public static JsonElement Document { get; } = ReadEmbedded();

    // A registry of our own: building registers the schema's $id, and the global registry is shared with other code.
    private static JsonSchema Built { get; } = JsonSchema.Build(Document, new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    /// <summary>Evaluates every keyword (no short-circuit) and keeps the tree, so all problems can be reported.</summary>
    public static EvaluationResults Evaluate(JsonElement manifest) =>
        Built.Evaluate(manifest, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });

    private static JsonElement ReadEmbedded()
    {
        using var stream = typeof(ManifestSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.Clone();
    }
}
