using System.Globalization;

namespace InferBench.Serving;

/// <summary>
/// Whether an open-loop point's engine could not keep up with the offered rate, so its queue kept growing. Two signs must
/// both hold: the requests served per second fall below 95% of the rate they arrived at, and the time-average number of
/// requests in the system over the last third of the arrival phase is above that over its first third. The served rate is
/// the measured requests over the point's duration less their mean end-to-end latency: a stable point's last requests
/// still take one latency to finish after the arrivals end, which is not a shortfall, so a short point is not called
/// saturated for it; a saturated point's duration grows by its backlog, which the mean latency only half recovers. A
/// closed loop keeps a fixed number in the system and is never judged saturated.
/// </summary>
public static class SaturationRule
{
    public const double ServedShare = 0.95;

    /// <param name="firstThirdMean">Requests in the system, time-averaged over the first third of the arrival phase.</param>
    /// <param name="lastThirdMean">The same over its last third.</param>
    /// <param name="arrivalRequestsPerSecond">The rate the measured requests arrived at.</param>
    /// <param name="servedRequestsPerSecond">Measured requests / (duration - their mean end-to-end latency).</param>
    /// <returns>Why the point is saturated; null when it is not.</returns>
    public static string? Judge(double firstThirdMean, double lastThirdMean, double arrivalRequestsPerSecond, double servedRequestsPerSecond)
    {
        var fellBehind = servedRequestsPerSecond < ServedShare * arrivalRequestsPerSecond;
        var grew = lastThirdMean > firstThirdMean;
        return fellBehind && grew
            ? string.Create(CultureInfo.InvariantCulture,
                $"the queue kept growing: {servedRequestsPerSecond:0.###} requests/s served while {arrivalRequestsPerSecond:0.###} arrived, " +
                $"and requests in the system rose from {firstThirdMean:0.#} (first third of the arrival phase) to {lastThirdMean:0.#} (last third)")
            : null;
    }
}
