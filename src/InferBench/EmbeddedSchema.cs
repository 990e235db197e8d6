using System.Text.Json;
using Json.Schema;

namespace InferBench;

/// <summary>A schema embedded from Schemas/: as JSON (to word messages from) and built for evaluation.</summary>
internal sealed class EmbeddedSchema
{
    private readonly JsonSchema _built;

    /// <param name="fileName">The schema's file name in Schemas/, for example "models.manifest.schema.json".</param>
    public EmbeddedSchema(string fileName)
    {
        Document = ReadEmbedded($"InferBench.Schemas.{fileName}");
        // A registry of our own: building registers the schema's $id, and the global registry is shared with other code.
        _built = JsonSchema.Build(Document, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    public JsonElement Document { get; }

    /// <summary>
    /// Everything wrong with <paramref name="instance"/>: its failed schema keywords and <paramref name="otherProblems"/>
    /// (checks JSON Schema cannot express) at locations the schema found nothing wrong with, deepest location first.
    /// </summary>
    public IReadOnlyList<JsonProblem> Validate(JsonElement instance, IEnumerable<JsonProblem> otherProblems)
    {
        // Every keyword is evaluated (no short-circuit) and the tree kept, so all problems can be reported.
        var results = _built.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        var schemaProblems = SchemaProblemCollector.Collect(results, instance, Document).ToList();
        // A value the schema already faults (a negative price) is not faulted again by a check of its range.
        var faulted = schemaProblems.Select(problem => problem.Location.ToString()).ToHashSet();
        var problems = schemaProblems.Concat(otherProblems.Where(problem => !faulted.Contains(problem.Location.ToString())));
        // OrderBy is stable, so ties keep the order they were found in.
        return problems
            .OrderByDescending(problem => problem.Location.Depth)
            .DistinctBy(problem => problem.ToString())
            .ToList();
    }

    private static JsonElement ReadEmbedded(string resourceName)
    {
        using var stream = typeof(EmbeddedSchema).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"embedded resource {resourceName} is missing");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.Clone();
    }
}
