namespace InferBench.Reports.Document;

/// <summary>A column's heading, which names its unit ("TTFT p50 [p90] (ms)"), and whether its cells are numbers.</summary>
public sealed record TableHeader(string Title, bool Numeric);
