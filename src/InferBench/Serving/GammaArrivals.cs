using MathNet.Numerics.Distributions;

namespace InferBench.Serving;

/// <summary>
/// Open-loop arrival times, as vLLM's <c>bench serve</c> draws them: the first at 0, then gaps from a gamma distribution of
/// shape k (the burstiness; 1 is Poisson) and mean 1/λ, so their squared coefficient of variation is 1/k. Seeded: the same
/// seed gives the same times.
/// </summary>
public sealed class GammaArrivals
{
    /// <summary>
    /// The latest an arrival is put, about 31.7 years: far past any point's time bound, and within what a
    /// <see cref="TimeSpan"/> holds, which the gaps of a rate like 1e-300 requests/s are not.
    /// </summary>
    public static TimeSpan Latest { get; } = TimeSpan.FromSeconds(1e9);

    private readonly Random _random;
    private readonly double _shape;
    private readonly double _requestsPerSecond;
    private double _nextSeconds;

    /// <param name="requestsPerSecond">λ, the offered rate.</param>
    /// <param name="burstiness">k, the gamma shape.</param>
    public GammaArrivals(double requestsPerSecond, double burstiness, int seed)
    {
        ServingPlanRanges.RequestRate.Check(requestsPerSecond);
        ServingPlanRanges.Burstiness.Check(burstiness);
        _random = new Random(seed);
        _shape = burstiness;
        _requestsPerSecond = requestsPerSecond;
    }

    /// <summary>When arrival number <paramref name="index"/> (from 0) of a point comes, from its start: the same seed, the same time.</summary>
    public static TimeSpan Arrival(int index, double requestsPerSecond, double burstiness, int seed)
    {
        var arrivals = new GammaArrivals(requestsPerSecond, burstiness, seed);
        for (var i = 0; i < index; i++)
            arrivals.Next();
        return arrivals.Next();
    }

    /// <summary>The next arrival's time from the start of the point.</summary>
    public TimeSpan Next()
    {
        var at = _nextSeconds;
        // A gap of mean 1 scaled by 1/λ: the gamma's own rate k·λ underflows to 0 for the least λ, and its sample is then NaN.
        _nextSeconds = Math.Min(_nextSeconds + Gamma.Sample(_random, _shape, _shape) / _requestsPerSecond, Latest.TotalSeconds);
        return TimeSpan.FromSeconds(at);
    }
}
