namespace InferBench.Forecast;

/// <summary>What to forecast: every batch size x prompt length, each generating <see cref="GenTokens"/> tokens per sequence.</summary>
public sealed record ForecastPlan(IReadOnlyList<int> BatchSizes, IReadOnlyList<int> PromptTokens, int GenTokens);
