using InferBench.Runner;

namespace InferBench.Forecast;

/// <summary>What to forecast: every batch size x prompt length, each generating <see cref="GenTokens"/> tokens per sequence.</summary>
public sealed record ForecastPlan(IReadOnlyList<int> BatchSizes, IReadOnlyList<int> PromptTokens, int GenTokens)
{
    /// <exception cref="InputRangeException">A value outside the run plan's range for the same field.</exception>
    public static ForecastPlan Create(IReadOnlyList<int> batchSizes, IReadOnlyList<int> promptTokens, int genTokens)
    {
        foreach (var batch in batchSizes)
            RunPlanPoints.BatchSizes.Check(batch);
        foreach (var prompt in promptTokens)
            RunPlanPoints.PromptTokens.Check(prompt);
        return new ForecastPlan(batchSizes, promptTokens, RunPlanPoints.GenTokens.Check(genTokens));
    }
}
