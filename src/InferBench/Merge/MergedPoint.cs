using InferBench.Cost.Runs;
using InferBench.Results;

namespace InferBench.Merge;

/// <summary>One measured plan point of a merged entry (batch 1, or the best measured point), with what it costs on its machine.</summary>
/// <param name="DecodeTokensPerSecond">Decode tok/s of the whole batch over the measured repetitions (the median is what $/1M uses).</param>
/// <param name="DecodeMedianHalfWidthPercent">The larger side of the 95% interval of the median decode tok/s, in percent of
/// the median (run.json's repetitionStop.decodeHalfWidthPercent); null when the run has none.</param>
/// <param name="TimeToFirstTokenMilliseconds">Time to first token over the measured repetitions.</param>
/// <param name="JoulesPerGeneratedToken">Gross J/token (prefill and idle included) from <paramref name="EnergySource"/>; null without a figure.</param>
/// <param name="EnergySource">The row's energy_source label (estimated-* is an estimate); null when energy was not measured.</param>
/// <param name="UsdPerMillionGeneratedTokens">Hardware $ per 1M generated tokens at the machine's price and the run's utilisation; null without a price.</param>
public sealed record MergedPoint(
    int BatchSize,
    SampleStatistics DecodeTokensPerSecond,
    double? DecodeMedianHalfWidthPercent,
    SampleStatistics TimeToFirstTokenMilliseconds,
    double? JoulesPerGeneratedToken,
    string? EnergySource,
    double? UsdPerMillionGeneratedTokens)
{
    /// <summary>An ok row with a positive, finite median decode tok/s: a point the merge can summarise.</summary>
    public static bool IsMeasured(ScenarioResult row) =>
        row.Status == ResultStatus.Ok && row.Metrics is { DecodeTokensPerSecond.Median: > 0 and < double.PositiveInfinity };

    public static MergedPoint Of(ScenarioResult row, RunPricing pricing) => new(row.BatchSize,
        row.Metrics!.DecodeTokensPerSecond, row.RepetitionStop?.DecodeHalfWidthPercent, row.Metrics.TimeToFirstTokenMilliseconds, row.Energy?.JoulesPerGeneratedToken, row.Energy?.Source,
        pricing.For(row).HardwarePerMillionGeneratedTokens?.Value);
}
