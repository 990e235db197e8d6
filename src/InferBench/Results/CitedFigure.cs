namespace InferBench.Results;

/// <summary>An assumed figure and where it came from, as run.json records it.</summary>
/// <param name="AsOf">The date the figure was true ("2023", "2023-03"); null for given values and defaults.</param>
public sealed record CitedFigure(double Value, string Source, string? AsOf, Provenance Provenance);
