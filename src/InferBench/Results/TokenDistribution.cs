namespace InferBench.Results;

/// <summary>
/// A per-token figure's distribution over the scored tokens, as llama.cpp's <c>llama-perplexity --kl-divergence</c>
/// reports it: the mean with its standard error, the extremes and percentiles. The unit is the owning property's.
/// </summary>
/// <param name="Mean">Mean over the scored tokens.</param>
/// <param name="MeanStandardError">Standard error of the mean: sqrt((mean of squares − mean²) / (n − 1)), llama.cpp's; 0 under 11 tokens, as there.</param>
/// <param name="Minimum">The smallest value.</param>
/// <param name="Maximum">The largest value.</param>
/// <param name="Percentiles">Percentiles in ascending order of <see cref="PercentileValue.Percent"/>.</param>
public sealed record TokenDistribution(
    double Mean,
    double MeanStandardError,
    double Minimum,
    double Maximum,
    IReadOnlyList<PercentileValue> Percentiles)
{
    /// <summary>The value at <paramref name="percent"/> (one of <see cref="Percentiles"/>); null where it has none.</summary>
    public double? At(double percent) => Percentiles.FirstOrDefault(percentile => percentile.Percent == percent)?.Value;
}
