using InferBench.Results;
using InferBench.Serving;

namespace InferBench.Tests.Serving;

/// <summary>The open loop's arrival process, read as times: rate, burstiness and seed.</summary>
public sealed class GammaArrivalsTests
{
    private const int Arrivals = 20_000;

    [Theory]
    [InlineData(10.0, 1.0)]
    [InlineData(250.0, 4.0)]
    [InlineData(0.5, 0.5)]
    public void Gaps_have_mean_one_over_the_rate_and_squared_variation_one_over_the_burstiness(double rate, double burstiness)
    {
        var gaps = Gaps(new GammaArrivals(rate, burstiness, seed: 3));

        var mean = gaps.Average();
        var variance = gaps.Sum(g => (g - mean) * (g - mean)) / (gaps.Length - 1);
        Assert.Equal(1 / rate, mean, tolerance: 0.03 / rate);
        Assert.Equal(1 / burstiness, variance / (mean * mean), tolerance: 0.08 / burstiness);
    }

    [Fact]
    public void The_first_arrival_is_at_the_start_and_the_same_seed_gives_the_same_times()
    {
        var first = Times(new GammaArrivals(5, 1, seed: 11), 100);

        Assert.Equal(TimeSpan.Zero, first[0]);
        Assert.Equal(first, Times(new GammaArrivals(5, 1, seed: 11), 100));
        Assert.NotEqual(first, Times(new GammaArrivals(5, 1, seed: 12), 100));
        Assert.True(first.Zip(first.Skip(1)).All(pair => pair.Second >= pair.First));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e12)]
    public void A_rate_that_is_not_a_positive_finite_number_in_range_is_refused_naming_its_field(double rate)
    {
        var e = Assert.Throws<InputRangeException>(() => new GammaArrivals(rate, 1, seed: 1));

        Assert.Equal([nameof(ServingPlanRecord.RequestRatesPerSecond)], e.Fields);
        Assert.Contains("expected a number above 0 and at most 1000000", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.001)]
    [InlineData(double.NaN)]
    [InlineData(1e9)]
    public void A_burstiness_out_of_range_is_refused(double burstiness)
    {
        var e = Assert.Throws<InputRangeException>(() => new GammaArrivals(1, burstiness, seed: 1));

        Assert.Equal([nameof(ServingPlanRecord.Burstiness)], e.Fields);
    }

    /// <summary>Gaps past what a TimeSpan holds (λ = 1e-300): each such arrival is put at the latest instead.</summary>
    [Theory]
    [InlineData(1e-300, 1.0)]
    [InlineData(1e-13, 1.0)]
    [InlineData(1e-300, 0.01)]
    [InlineData(double.Epsilon, 0.01)]
    public void Rates_and_burstiness_at_the_bottom_of_their_ranges_give_arrivals_no_later_than_the_latest(double rate, double burstiness)
    {
        var times = Times(new GammaArrivals(rate, burstiness, seed: 5), 50);

        Assert.Equal(TimeSpan.Zero, times[0]);
        Assert.All(times, time => Assert.InRange(time, TimeSpan.Zero, GammaArrivals.Latest));
        Assert.True(times.Zip(times.Skip(1)).All(pair => pair.Second >= pair.First));
    }

    private static double[] Gaps(GammaArrivals arrivals)
    {
        var times = Times(arrivals, Arrivals + 1);
        return times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).ToArray();
    }

    private static TimeSpan[] Times(GammaArrivals arrivals, int count) => Enumerable.Range(0, count).Select(_ => arrivals.Next()).ToArray();
}
