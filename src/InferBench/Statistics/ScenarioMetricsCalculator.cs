using InferBench.Results;

namespace InferBench.Statistics;

/// <summary>Computes a scenario's <see cref="ScenarioMetrics"/> from its repetitions.</summary>
public static class ScenarioMetricsCalculator
{
    /// <summary>
    /// Summarizes the measured repetitions (warmup ones are ignored). Each measured repetition gives one
    /// TTFT, prefill rate, decode rate and end-to-end sample; inter-token latency pools the decode steps of
    /// all measured repetitions.
    /// </summary>
    /// <param name="samples">All repetitions of the scenario, warmup included.</param>
    /// <param name="batchSize">Sequences generated together; rates count tokens over the whole batch.</param>
    /// <param name="promptTokens">Prompt length of each sequence, in tokens.</param>
    /// <exception cref="ArgumentException">
    /// No measured repetition; a measured repetition generated fewer than two tokens (its decode rate is
    /// undefined), or has a non-positive prefill or decode time; or no decode step was recorded.
    /// </exception>
    public static ScenarioMetrics From(IReadOnlyList<RepetitionSample> samples, int batchSize, int promptTokens)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(promptTokens);

        RepetitionSample[] measured = [.. samples.Where(sample => sample.Phase == RepetitionPhase.Measured)];
        if (measured.Length == 0)
        {
            throw new ArgumentException("No measured repetition: statistics exclude warmup.", nameof(samples));
        }

        foreach (RepetitionSample repetition in measured)
        {
            Validate(repetition, nameof(samples));
        }

        double[] decodeStepsMilliseconds = [.. measured.SelectMany(sample => sample.DecodeStepMilliseconds)];
        if (decodeStepsMilliseconds.Length == 0)
        {
            throw new ArgumentException(
                "The measured repetitions recorded no decode step, so inter-token latency is undefined.",
                nameof(samples));
        }

        return new ScenarioMetrics(
            TimeToFirstTokenMilliseconds: Summarize(measured, sample => sample.TimeToFirstTokenSeconds * 1000.0),
            PrefillTokensPerSecond: Summarize(
                measured, sample => (double)batchSize * promptTokens / sample.PrefillSeconds),
            DecodeTokensPerSecond: Summarize(measured, sample => DecodeTokensPerSecond(sample, batchSize)),
            InterTokenLatencyMilliseconds: SampleStatisticsCalculator.From(decodeStepsMilliseconds),
            EndToEndSeconds: Summarize(measured, sample => sample.EndToEndSeconds));
    }

    /// <summary>One repetition's decode rate over the whole batch.</summary>
    public static double DecodeTokensPerSecond(RepetitionSample sample, int batchSize) =>
        // The first token comes out of prefill, so decode produces the remaining GeneratedTokens - 1.
        (double)batchSize * (sample.GeneratedTokens - 1) / sample.DecodeSeconds;

    private static void Validate(RepetitionSample repetition, string parameterName)
    {
        if (repetition.GeneratedTokens < 2)
        {
            throw new ArgumentException(
                $"Measured repetition {repetition.Iteration} generated {repetition.GeneratedTokens} token(s); "
                + "decode statistics need at least 2 generated tokens.",
                parameterName);
        }

        if (!(repetition.PrefillSeconds > 0) || !(repetition.DecodeSeconds > 0))
        {
            throw new ArgumentException(
                $"Measured repetition {repetition.Iteration} has prefill {repetition.PrefillSeconds} s and decode "
                + $"{repetition.DecodeSeconds} s; both must be positive to give a rate.",
                parameterName);
        }
    }

    private static SampleStatistics Summarize(
        RepetitionSample[] measured, Func<RepetitionSample, double> metric) =>
        SampleStatisticsCalculator.From([.. measured.Select(metric)]);
}
