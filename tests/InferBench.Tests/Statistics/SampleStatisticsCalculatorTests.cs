using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Tests.Statistics;

public sealed class SampleStatisticsCalculatorTests
{
    // Student's t quantiles at 0.975. df 1 and 2 have closed forms (tan(0.475 pi), 0.95 / sqrt(2 * 0.975 * 0.025));
    // df 6 and 9 are scipy.stats.t.ppf(0.975, df).
    private const double T975Df1 = 12.706204736174696;
    private const double T975Df2 = 4.302652729749464;
    private const double T975Df6 = 2.4469118511449692;
    private const double T975Df9 = 2.2621571627409915;

    private const double Tolerance = 1e-9;

    [Fact]
    public void OneToTenMatchesNumpyAndScipy()
    {
        double[] samples = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        SampleStatistics statistics = SampleStatisticsCalculator.From(samples);

        double standardDeviation = 3.0276503540974917;
        double halfWidth = T975Df9 * standardDeviation / Math.Sqrt(10);
        Assert.Equal(10, statistics.Count);
        Assert.Equal(5.5, statistics.Mean, Tolerance);
        Assert.Equal(5.5, statistics.Median, Tolerance);
        Assert.Equal(9.1, statistics.P90, Tolerance);
        Assert.Equal(9.91, statistics.P99, Tolerance);
        Assert.Equal(1, statistics.Min);
        Assert.Equal(10, statistics.Max);
        Assert.Equal(standardDeviation, statistics.StandardDeviation, Tolerance);
        Assert.Equal(5.5 - halfWidth, statistics.ConfidenceInterval95Lower, Tolerance);
        Assert.Equal(5.5 + halfWidth, statistics.ConfidenceInterval95Upper, Tolerance);
    }

    [Fact]
    public void IrregularOddSizedSampleMatchesTypeSevenPercentiles()
    {
        // Sorted: 3, 4.75, 7.25, 9, 11, 12.5, 15.5. P90 rank 5.4 -> 12.5 + 0.4 * 3; P99 rank 5.94 -> 12.5 + 0.94 * 3.
        double[] samples = [12.5, 3.0, 7.25, 9.0, 15.5, 4.75, 11.0];

        SampleStatistics statistics = SampleStatisticsCalculator.From(samples);

        double standardDeviation = 4.389855730355308;
        double halfWidth = T975Df6 * standardDeviation / Math.Sqrt(7);
        Assert.Equal(7, statistics.Count);
        Assert.Equal(9.0, statistics.Mean, Tolerance);
        Assert.Equal(9.0, statistics.Median, Tolerance);
        Assert.Equal(13.7, statistics.P90, Tolerance);
        Assert.Equal(15.32, statistics.P99, Tolerance);
        Assert.Equal(3.0, statistics.Min);
        Assert.Equal(15.5, statistics.Max);
        Assert.Equal(standardDeviation, statistics.StandardDeviation, Tolerance);
        Assert.Equal(9.0 - halfWidth, statistics.ConfidenceInterval95Lower, Tolerance);
        Assert.Equal(9.0 + halfWidth, statistics.ConfidenceInterval95Upper, Tolerance);
    }

    [Fact]
    public void EvenMedianInterpolatesBetweenTheMiddleTwo()
    {
        SampleStatistics statistics = SampleStatisticsCalculator.From([4.0, 1.0, 3.0, 2.0]);

        Assert.Equal(2.5, statistics.Median, Tolerance);
    }

    [Fact]
    public void UnsortedInputGivesTheSameResultAsSortedInput()
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        double[] shuffled = [7, 3, 10, 1, 9, 5, 2, 8, 6, 4];

        Assert.Equal(SampleStatisticsCalculator.From(sorted), SampleStatisticsCalculator.From(shuffled));
    }

    [Fact]
    public void DoesNotModifyTheCallersList()
    {
        List<double> samples = [3.0, 1.0, 2.0];

        SampleStatisticsCalculator.From(samples);

        Assert.Equal([3.0, 1.0, 2.0], samples);
    }

    [Fact]
    public void DoesNotModifyTheCallersArray()
    {
        double[] samples = [3.0, 1.0, 2.0];

        SampleStatisticsCalculator.From(samples);

        Assert.Equal([3.0, 1.0, 2.0], samples);
    }

    [Fact]
    public void SingleSampleHasUndefinedSpreadAndConfidenceInterval()
    {
        SampleStatistics statistics = SampleStatisticsCalculator.From([42.0]);

        Assert.Equal(1, statistics.Count);
        Assert.Equal(42.0, statistics.Mean);
        Assert.Equal(42.0, statistics.Median);
        Assert.Equal(42.0, statistics.P90);
        Assert.Equal(42.0, statistics.P99);
        Assert.Equal(42.0, statistics.Min);
        Assert.Equal(42.0, statistics.Max);
        Assert.True(double.IsNaN(statistics.StandardDeviation));
        Assert.True(double.IsNaN(statistics.ConfidenceInterval95Lower));
        Assert.True(double.IsNaN(statistics.ConfidenceInterval95Upper));
    }

    [Fact]
    public void TwoSamplesUseOneDegreeOfFreedom()
    {
        SampleStatistics statistics = SampleStatisticsCalculator.From([4.0, 2.0]);

        // sd = sqrt(((2 - 3)^2 + (4 - 3)^2) / 1) = sqrt(2); half-width = t * sqrt(2) / sqrt(2) = t.
        Assert.Equal(2, statistics.Count);
        Assert.Equal(3.0, statistics.Mean, Tolerance);
        Assert.Equal(3.0, statistics.Median, Tolerance);
        Assert.Equal(3.8, statistics.P90, Tolerance);
        Assert.Equal(3.98, statistics.P99, Tolerance);
        Assert.Equal(Math.Sqrt(2), statistics.StandardDeviation, Tolerance);
        Assert.Equal(3.0 - T975Df1, statistics.ConfidenceInterval95Lower, Tolerance);
        Assert.Equal(3.0 + T975Df1, statistics.ConfidenceInterval95Upper, Tolerance);
    }

    [Fact]
    public void ThreeSamplesUseTwoDegreesOfFreedom()
    {
        SampleStatistics statistics = SampleStatisticsCalculator.From([1.0, 2.0, 3.0]);

        // sd = 1; half-width = t / sqrt(3).
        Assert.Equal(1.0, statistics.StandardDeviation, Tolerance);
        Assert.Equal(2.0 - T975Df2 / Math.Sqrt(3), statistics.ConfidenceInterval95Lower, Tolerance);
        Assert.Equal(2.0 + T975Df2 / Math.Sqrt(3), statistics.ConfidenceInterval95Upper, Tolerance);
    }

    [Fact]
    public void IdenticalSamplesHaveZeroSpreadAndAZeroWidthInterval()
    {
        SampleStatistics statistics = SampleStatisticsCalculator.From([5.0, 5.0, 5.0]);

        Assert.Equal(0.0, statistics.StandardDeviation);
        Assert.Equal(5.0, statistics.ConfidenceInterval95Lower);
        Assert.Equal(5.0, statistics.ConfidenceInterval95Upper);
    }

    [Fact]
    public void EmptyInputThrows()
    {
        Assert.Throws<ArgumentException>(() => SampleStatisticsCalculator.From([]));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteSampleThrows(double bad)
    {
        Assert.Throws<ArgumentException>(() => SampleStatisticsCalculator.From([1.0, bad, 2.0]));
    }
}
