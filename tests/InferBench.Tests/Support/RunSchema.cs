using System.Text.Json;
using InferBench.Results;
using Json.Schema;

namespace InferBench.Tests.Support;

/// <summary>The embedded run.schema.json, built once in a registry of its own (building registers its $id).</summary>
internal static class RunSchema
{
    public const string ResourceName = "InferBench.Schemas.run.schema.json";

    public static JsonElement Document { get; } = ReadEmbedded();

    private static JsonSchema Built { get; } = JsonSchema.Build(Document, new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    /// <summary>The schema's complaints about <paramref name="json"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(string json) => ErrorsOf(Built, json);

    /// <summary>What <paramref name="schema"/> finds wrong with <paramref name="json"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> ErrorsOf(JsonSchema schema, string json)
    {
        using var instance = JsonDocument.Parse(json);
        var results = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }
        var errors = (results.Details ?? []).Prepend(results)
            .Where(detail => detail.Errors is not null)
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Key}: {error.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : ["invalid (no details)"];
    }

    public static JsonElement ReadEmbedded(string resourceName = ResourceName)
    {
        using var stream = typeof(RunResult).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"embedded resource {resourceName} is missing");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.Clone();
    }
}
