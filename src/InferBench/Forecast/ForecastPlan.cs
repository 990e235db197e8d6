using InferBench.Runner;

namespace InferBench.Forecast;

/// <summary>What to forecast: every batch size x prompt length x generated tokens per sequence.</summary>
public sealed record ForecastPlan(IReadOnlyList<int> BatchSizes, IReadOnlyList<int> PromptTokens, IReadOnlyList<int> GenTokens)
{
    /// <exception cref="InputRangeException">A value outside the run plan's range for the same field, or a batch of more tokens than a run takes.</exception>
    public static ForecastPlan Create(IReadOnlyList<int> batchSizes, IReadOnlyList<int> promptTokens, IReadOnlyList<int> genTokens)
    {
        foreach (var batch in batchSizes)
            RunPlanPoints.BatchSizes.Check(batch);
        foreach (var prompt in promptTokens)
            RunPlanPoints.PromptTokens.Check(prompt);
        foreach (var gen in genTokens)
            RunPlanPoints.GenTokens.Check(gen);
        if (batchSizes.Count > 0 && promptTokens.Count > 0 && genTokens.Count > 0)
            RunPlanPoints.CheckTokensPerBatch(batchSizes.Max(), promptTokens.Max(), genTokens.Max());
        return new ForecastPlan(batchSizes, promptTokens, genTokens);
    }
}
