namespace InferBench.Statistics;

/// <summary>
/// How precisely a run of repeated measurements pins down their mean: the 95% confidence interval's half-width, from a
/// standard error widened for lag-1 autocorrelation (see <see cref="RepetitionStopRule"/>).
/// </summary>
/// <param name="Count">Values the estimate rests on.</param>
/// <param name="Mean">Their arithmetic mean.</param>
/// <param name="HalfWidth">Half-width of the 95% interval around <paramref name="Mean"/>, in the values' unit; NaN below 2 values.</param>
/// <param name="Lag1Autocorrelation">The autocorrelation the interval assumes (0 to the rule's cap): the estimate from the
/// values, corrected for its small-sample bias; NaN below 3 values.</param>
public sealed record MeanPrecision(int Count, double Mean, double HalfWidth, double Lag1Autocorrelation)
{
    public double Low => Mean - HalfWidth;
    public double High => Mean + HalfWidth;

    /// <summary>Half-width / mean (0.02 is ±2%); NaN when undefined.</summary>
    public double RelativeHalfWidth => HalfWidth / Math.Abs(Mean);
}
