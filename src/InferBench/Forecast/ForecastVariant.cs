namespace InferBench.Forecast;

/// <summary>A variant to forecast: its identity and its facts (from a profile or from its files).</summary>
public sealed record ForecastVariant(string Model, string Variant, string Precision, ModelFacts Facts);
