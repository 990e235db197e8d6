using InferBench.Results;

namespace InferBench.Statistics;

/// <summary>Per-repetition figures, defined once for the run's statistics, <c>compare</c> and drift between rounds.</summary>
public static class RepetitionRates
{
    /// <summary>batch x (generated tokens - 1) / decode seconds: the first token comes out of prefill.</summary>
    public static double DecodeTokensPerSecond(int batchSize, RepetitionSample repetition) =>
        (double)batchSize * (repetition.GeneratedTokens - 1) / repetition.DecodeSeconds;

    public static double TimeToFirstTokenMilliseconds(RepetitionSample repetition) => repetition.TimeToFirstTokenSeconds * 1000.0;
}
