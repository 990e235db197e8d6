namespace InferBench.Cost.Sheets;

/// <summary>Figures under one heading.</summary>
/// <param name="Key">The group's JSON name.</param>
/// <param name="Note">A sentence printed under the figures, for what they leave out.</param>
public sealed record FigureGroup(string Key, string Title, IReadOnlyList<Figure> Figures, string? Note = null);
