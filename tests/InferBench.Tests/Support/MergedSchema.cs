using System.Text.Json;
using Json.Schema;

namespace InferBench.Tests.Support;

/// <summary>The embedded merged.schema.json, built in a registry that also holds run.schema.json, whose definitions it refers to.</summary>
internal static class MergedSchema
{
    public static JsonElement Document { get; } = RunSchema.ReadEmbedded("InferBench.Schemas.merged.schema.json");

    private static JsonSchema Built { get; } = Build();

    /// <summary>The schema's complaints about <paramref name="json"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(string json) => RunSchema.ErrorsOf(Built, json);

    private static JsonSchema Build()
    {
        var registry = new SchemaRegistry();
        JsonSchema.Build(RunSchema.Document, new BuildOptions { SchemaRegistry = registry });
        return JsonSchema.Build(Document, new BuildOptions { SchemaRegistry = registry });
    }
}
