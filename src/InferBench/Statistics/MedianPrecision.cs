namespace InferBench.Statistics;

/// <summary>
/// How precisely a run of repeated measurements pins down their median: the distribution-free 95% interval between two
/// of the sorted values, its ranks set for lag-1 autocorrelation (see <see cref="RepetitionStopRule"/>).
/// </summary>
/// <param name="Count">Values the estimate rests on.</param>
/// <param name="Median">Their median (interpolated, as the reports' median).</param>
/// <param name="Low">The interval's lower end, one of the values; NaN when the values are too few for a 95% interval.</param>
/// <param name="High">The interval's upper end, one of the values; NaN when the values are too few for a 95% interval.</param>
/// <param name="Lag1Autocorrelation">The autocorrelation the interval assumes (0 to the rule's cap): the estimate from the
/// values, corrected for its small-sample bias; NaN below 3 values.</param>
public sealed record MedianPrecision(int Count, double Median, double Low, double High, double Lag1Autocorrelation)
{
    /// <summary>The larger distance from the median to an end of the interval, over the median (0.02 is ±2%); NaN without an interval.</summary>
    public double RelativeHalfWidth => Math.Max(Median - Low, High - Median) / Math.Abs(Median);
}
