namespace InferBench;

/// <summary>One thing wrong with a JSON input file, at the place it is wrong: printed "$.path: what was expected".</summary>
internal sealed record JsonProblem(JsonLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
