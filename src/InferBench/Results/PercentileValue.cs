namespace InferBench.Results;

/// <summary>One percentile of a per-token distribution.</summary>
/// <param name="Percent">Which percentile, 0-100 (0.1, 1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9).</param>
/// <param name="Value">Its value (Hyndman–Fan type 7, as llama.cpp and Statistics/ compute it), in the distribution's unit.</param>
public sealed record PercentileValue(double Percent, double Value);
