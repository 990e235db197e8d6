using InferBench.Statistics;

namespace InferBench.Tests.Statistics;

/// <summary>The distribution-free 95% interval of the median, against published order-statistic tables.</summary>
public sealed class MedianIntervalTests
{
    /// <summary>
    /// [x(j), x(n + 1 - j)] with 2 P(Binomial(n, 1/2) &lt;= j - 1) &lt;= 5%: the ranks of Conover's table of confidence
    /// intervals for the median (Practical Nonparametric Statistics, table A3), e.g. n = 10: x(2) to x(9), 97.9%;
    /// n = 20: x(6) to x(15), 95.9%; none below 6 values.
    /// </summary>
    [Theory]
    [InlineData(5, 0)]
    [InlineData(6, 1)]
    [InlineData(8, 1)]
    [InlineData(9, 2)]
    [InlineData(10, 2)]
    [InlineData(12, 3)]
    [InlineData(15, 4)]
    [InlineData(20, 6)]
    [InlineData(30, 10)]
    [InlineData(50, 18)]
    public void Independent_values_take_the_ranks_of_the_binomial_table(int count, int lowerRank)
    {
        Assert.Equal(lowerRank, RepetitionStopRule.LowerRank(count));
    }

    /// <summary>Autocorrelated values count as n / widening independent ones; that count's rank is scaled back to n, rounded down (wider).</summary>
    [Theory]
    [InlineData(20, 2, 4)] // 10 effective values: rank 2, scaled 2 x 20 / 10
    [InlineData(30, 3, 6)] // 10 effective values: rank 2, scaled 2 x 30 / 10
    [InlineData(25, 2, 6)] // 12 effective values: rank 3, scaled 3 x 25 / 12 = 6.25, rounded down
    [InlineData(9, 2, 0)] // 4 effective values: too few for any 95% interval
    public void Autocorrelated_values_take_the_ranks_of_their_effective_count(int count, double widening, int lowerRank)
    {
        Assert.Equal(lowerRank, RepetitionStopRule.LowerRank(count, widening));
    }

    [Fact]
    public void The_interval_ends_are_values_and_the_median_is_the_reports_median()
    {
        double[] values = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10];

        var precision = RepetitionStopRule.Of(values);

        Assert.Equal(5.5, precision.Median);
        Assert.Equal((2, 9), (precision.Low, precision.High));
    }
}
