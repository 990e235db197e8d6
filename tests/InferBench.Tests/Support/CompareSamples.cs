using InferBench.Results;

namespace InferBench.Tests.Support;

/// <summary>Runs whose rows carry raw repetitions, for comparisons: each measured repetition has the given decode tok/s and TTFT.</summary>
internal static class CompareSamples
{
    public static RunResult Run(string runId, params ScenarioResult[] rows) => ReportSamples.Run(rows) with { RunId = runId };

    /// <param name="decodeTokensPerSecond">One value per measured repetition (64 decode tokens per sequence).</param>
    /// <param name="ttftMilliseconds">One per measured repetition; 50 ms each when omitted.</param>
    public static ScenarioResult Row(string variant, int batch, double[] decodeTokensPerSecond, double[]? ttftMilliseconds = null)
    {
        var ttft = ttftMilliseconds ?? [.. decodeTokensPerSecond.Select(_ => 50.0)];
        // A wild warmup repetition: statistics and comparisons must leave it out.
        var warmup = Repetition(RepetitionPhase.Warmup, 0, batch, tokensPerSecond: 1, ttftMilliseconds: 5000);
        return ReportSamples.MeasuredRow(variant, variant.Split('-')[^1], batch, decodeTokensPerSecond[0], 1.0) with
        {
            Repetitions = [warmup, .. decodeTokensPerSecond.Select((rate, i) => Repetition(RepetitionPhase.Measured, i + 1, batch, rate, ttft[i]))],
        };
    }

    private static RepetitionSample Repetition(RepetitionPhase phase, int iteration, int batch, double tokensPerSecond, double ttftMilliseconds)
    {
        var decodeSeconds = batch * 64 / tokensPerSecond;
        return new RepetitionSample(phase, iteration, GeneratedTokens: 65, PrefillSeconds: ttftMilliseconds / 1000 * 0.9,
            TimeToFirstTokenSeconds: ttftMilliseconds / 1000, DecodeSeconds: decodeSeconds,
            EndToEndSeconds: ttftMilliseconds / 1000 + decodeSeconds, DecodeStepMilliseconds: [decodeSeconds * 1000 / 64]);
    }
}
