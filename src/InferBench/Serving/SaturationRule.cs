using System.Globalization;

namespace InferBench.Serving;

/// <summary>
/// Whether an open-loop point's queue kept growing, so the engine could not keep up with the offered rate. Over the arrival
/// phase (from the first measured arrival until arrivals stop), the point is saturated when both hold: the time-average
/// number of requests in the system over its last third is more than 1.5 times that over its first third, plus one; and
/// fewer than 95% as many requests finished during the phase as arrived in it. A stable queue fluctuates but does not
/// grow, and a short point's completions trail its arrivals by about what is in flight, so either sign alone misleads. A
/// closed loop keeps a fixed number in the system and is never judged saturated.
/// </summary>
public static class SaturationRule
{
    public const double GrowthFactor = 1.5;
    public const double CompletionShare = 0.95;

    /// <param name="firstThirdMean">Requests in the system, time-averaged over the first third of the arrival phase.</param>
    /// <param name="lastThirdMean">The same over its last third.</param>
    /// <param name="arrivals">Requests that arrived during the phase.</param>
    /// <param name="completions">Requests that finished during the phase.</param>
    /// <returns>Why the point is saturated; null when it is not.</returns>
    public static string? Judge(double firstThirdMean, double lastThirdMean, int arrivals, int completions)
    {
        var grew = lastThirdMean > GrowthFactor * firstThirdMean + 1;
        var trailed = completions < CompletionShare * arrivals;
        return grew && trailed
            ? string.Create(CultureInfo.InvariantCulture,
                $"the queue kept growing: requests in the system rose from {firstThirdMean:0.#} (first third of the arrival phase) to " +
                $"{lastThirdMean:0.#} (last third), and {completions} requests finished while {arrivals} arrived")
            : null;
    }
}
