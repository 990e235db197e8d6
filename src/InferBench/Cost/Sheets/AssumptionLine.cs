using InferBench.Cost.Citations;

namespace InferBench.Cost.Sheets;

/// <summary>One value a cost rests on, as printed: what it is, its value and where it came from.</summary>
public sealed record AssumptionLine(string Key, string Label, double Value, string Text, Citation Citation);
