using System.Text.Json;
using Json.Pointer;
using Json.Schema;

namespace InferBench;

/// <summary>Turns a hierarchical JsonSchema.Net evaluation into one worded problem per failed keyword.</summary>
internal static class SchemaProblemCollector
{
    /// <param name="schema">The schema that was evaluated, to word problems from its keywords.</param>
    public static IReadOnlyList<JsonProblem> Collect(EvaluationResults results, JsonElement instance, JsonElement schema)
    {
        var problems = new List<JsonProblem>();
        Visit(results, instance, schema, problems);
        return problems;
    }

    private static void Visit(EvaluationResults node, JsonElement instance, JsonElement schema, List<JsonProblem> problems)
    {
        if (node.IsValid)
            return;
        var location = JsonLocation.FromPointer(instance, node.InstanceLocation);
        // A value of the wrong type fails other keywords too (a string "source" fails its oneOf); say only the type.
        if (node.Errors is { } errors && errors.TryGetValue("type", out var typeMessage))
        {
            problems.Add(new(location, SchemaKeywordMessages.For("type", SchemaAt(schema, location), location.Value, typeMessage)));
            return;
        }
        var details = node.Details ?? [];

        // JsonSchema.Net records no error on a failed "oneOf" itself, and its branches' errors ("path" is required,
        // "huggingface" is required) are noise: judge the oneOf by how many branches passed and skip their details.
        var branches = details.Where(IsOneOfBranch).ToList();
        if (branches.Count > 0 && branches.Count(branch => branch.IsValid) != 1)
            problems.Add(new(location, SchemaKeywordMessages.OneOf(SchemaAt(schema, location), location.Value)));

        foreach (var (keyword, libraryMessage) in node.Errors ?? [])
            problems.AddRange(Describe(node, location, schema, keyword, libraryMessage));

        foreach (var child in details.Where(child => !IsOneOfBranch(child)))
            Visit(child, instance, schema, problems);
    }

    private static IEnumerable<JsonProblem> Describe(
        EvaluationResults node, JsonLocation location, JsonElement schema, string keyword, string libraryMessage)
    {
        // "additionalProperties": false fails as a false schema at the unknown field; report it on the owning object.
        if (keyword == "" && LastSegment(node.EvaluationPath) == "additionalProperties" && location.Parent is { } owner)
            return [new(owner, SchemaKeywordMessages.UnknownField(location.Segments[^1], SchemaAt(schema, owner))) { IsUnknownField = true }];
        if (keyword == "required")
        {
            // The failing "required" may be the subschema's own or that of its if/then branch ("identified": true needs a "value").
            var at = SchemaAt(schema, location);
            var missing = SchemaKeywordMessages.MissingRequired(at, location.Value).ToList();
            if (missing.Count == 0 && LastSegment(node.EvaluationPath) is { } branch && at is { ValueKind: JsonValueKind.Object } subschema
                && subschema.TryGetProperty(branch, out var branchSchema))
                missing = [.. SchemaKeywordMessages.MissingRequired(branchSchema, location.Value)];
            return missing.Count > 0 ? missing.Select(message => new JsonProblem(location, message)) : [new(location, libraryMessage)];
        }
        return [new(location, SchemaKeywordMessages.For(keyword, SchemaAt(schema, location), location.Value, libraryMessage))];
    }

    private static bool IsOneOfBranch(EvaluationResults node) =>
        node.EvaluationPath.SegmentCount >= 2 && node.EvaluationPath[node.EvaluationPath.SegmentCount - 2] == "oneOf";

    private static string? LastSegment(JsonPointer pointer) =>
        pointer.SegmentCount == 0 ? null : pointer[pointer.SegmentCount - 1].ToString();

    private static JsonElement? SchemaAt(JsonElement schema, JsonLocation location) =>
        SubschemaFinder.Find(schema, location.Segments);
}
