using MathNet.Numerics.Distributions;

namespace InferBench.Serving;

/// <summary>
/// Open-loop arrival times, as vLLM's <c>bench serve</c> draws them: the first at 0, then gaps from a gamma distribution of
/// shape k (the burstiness; 1 is Poisson) and mean 1/λ, so their squared coefficient of variation is 1/k. Seeded: the same
/// seed gives the same times.
/// </summary>
public sealed class GammaArrivals
{
    private readonly Random _random;
    private readonly double _shape;
    private readonly double _rate;
    private double _nextSeconds;

    /// <param name="requestsPerSecond">λ, the offered rate.</param>
    /// <param name="burstiness">k, the gamma shape.</param>
    public GammaArrivals(double requestsPerSecond, double burstiness, int seed)
    {
        ServingPlanRanges.RequestRate.Check(requestsPerSecond);
        ServingPlanRanges.Burstiness.Check(burstiness);
        _random = new Random(seed);
        _shape = burstiness;
        _rate = burstiness * requestsPerSecond;
    }

    /// <summary>The next arrival's time from the start of the point.</summary>
    public TimeSpan Next()
    {
        var at = _nextSeconds;
        _nextSeconds += Gamma.Sample(_random, _shape, _rate);
        return TimeSpan.FromSeconds(at);
    }
}
