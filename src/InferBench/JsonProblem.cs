namespace InferBench;

/// <summary>One thing wrong with a JSON input file, at the place it is wrong: printed "$.path: what was expected".</summary>
internal sealed record JsonProblem(JsonLocation Location, string Message)
{
    /// <summary>A field the schema does not know ("additionalProperties": false): a file from a newer InferBench may have such fields.</summary>
    public bool IsUnknownField { get; init; }

    public override string ToString() => $"{Location}: {Message}";
}
