using InferBench.Results;
using InferBench.Statistics;
using InferBench.Tests.Support;

namespace InferBench.Tests.Statistics;

/// <summary>llama.cpp's statistics over per-token figures (llama-perplexity --kl-divergence), against values worked by hand.</summary>
public sealed class TokenStatisticsTests
{
    private static double[] OneTo(int n) => [.. Enumerable.Range(1, n).Select(i => (double)i)];

    [Fact]
    public void A_distribution_has_the_mean_extremes_and_type_7_percentiles_in_ascending_order()
    {
        var distribution = TokenStatistics.Distribution([4, 1, 3, 2], [99.9, 0.1, 10, 50, 90]);

        // Type 7: the value at fraction · (n − 1) of the sorted values, interpolated linearly: 1 + 3 · fraction here.
        Assert.Equal((2.5, 0.0, 1.0, 4.0), (distribution.Mean, distribution.MeanStandardError, distribution.Minimum, distribution.Maximum));
        Assert.Equal([0.1, 10, 50, 90, 99.9], distribution.Percentiles.Select(p => p.Percent));
        Assert.Equal([1.003, 1.3, 2.5, 3.7, 3.997], distribution.Percentiles.Select(p => p.Value), new Tolerance(1e-12));
    }

    [Fact]
    public void The_standard_error_is_llama_cpps_over_ten_tokens_and_zero_at_ten_or_fewer()
    {
        // 1..n: mean of squares − mean² = (n² − 1) / 12, so SE = sqrt((n² − 1) / (12 (n − 1))) = sqrt((n + 1) / 12).
        Assert.Equal(0.0, TokenStatistics.MeanAndStandardError(OneTo(10)).StandardError);
        Assert.Equal(1.0, TokenStatistics.MeanAndStandardError(OneTo(11)).StandardError, 1e-12);
        Assert.Equal((6.5, Math.Sqrt(13.0 / 12)), TokenStatistics.MeanAndStandardError(OneTo(12)), new PairTolerance(1e-12));
        Assert.Equal(Math.Sqrt(13.0 / 12), TokenStatistics.Distribution(OneTo(12), TokenStatistics.KlDivergencePercents).MeanStandardError, 1e-12);
        Assert.Equal(0.0, TokenStatistics.MeanAndStandardError([.. Enumerable.Repeat(0.25, 50)]).StandardError);
    }

    [Fact]
    public void The_rms_and_its_standard_error_come_from_the_mean_square_and_its_standard_error()
    {
        double[] deltas = [0.1, -0.2, 0.05, 0.3, -0.1, 0.0, 0.02, -0.04, 0.15, -0.25, 0.08, -0.01];
        var n = deltas.Length;
        var (sum2, sum4) = (deltas.Sum(d => d * d), deltas.Sum(d => Math.Pow(d, 4)));
        var meanSquare = sum2 / n;
        var meanSquareError = Math.Sqrt((sum4 / n - meanSquare * meanSquare) / (n - 1));

        var (rms, error) = TokenStatistics.RootMeanSquare(deltas);

        Assert.Equal(Math.Sqrt(meanSquare), rms, 1e-15);
        Assert.Equal(0.5 / Math.Sqrt(meanSquare) * meanSquareError, error, 1e-15);
        Assert.Equal((Math.Sqrt(12.5), 0.0), TokenStatistics.RootMeanSquare([3, -4]));
        Assert.Equal((0.0, 0.0), TokenStatistics.RootMeanSquare(new double[20]));
    }

    [Fact]
    public void Same_top_p_has_the_binomial_standard_error()
    {
        Assert.Equal(0.25, TokenStatistics.ProportionStandardError(0.75, 4), 1e-15);
        Assert.Equal(0.0, TokenStatistics.ProportionStandardError(1, 100));
        Assert.Equal(0.0, TokenStatistics.ProportionStandardError(1, 1));
    }

    [Fact]
    public void The_perplexity_ratio_and_its_standard_errors_are_llama_cpps()
    {
        double[] reference = [2.1, 3.4, 0.7, 5.2, 1.9, 2.8, 4.4, 0.3, 3.3, 2.2, 6.1, 1.5, 2.9];
        double[] mine = [2.3, 3.1, 0.9, 5.9, 1.8, 3.3, 4.1, 0.6, 3.5, 2.0, 6.8, 1.6, 3.2];
        var n = mine.Length;
        // Written as llama.cpp writes them: sums of values, squares and products.
        var (mean, referenceMean) = (mine.Sum() / n, reference.Sum() / n);
        var standardError = Math.Sqrt((mine.Sum(x => x * x) / n - mean * mean) / (n - 1));
        var referenceStandardError = Math.Sqrt((reference.Sum(x => x * x) / n - referenceMean * referenceMean) / (n - 1));
        var covariance = (mine.Zip(reference, (a, b) => a * b).Sum() / n - mean * referenceMean) / (n - 1);
        var lnRatioError = Math.Sqrt(standardError * standardError + referenceStandardError * referenceStandardError - 2 * covariance);

        var comparison = TokenStatistics.ComparePerplexity(mine, reference);

        Assert.Equal(Math.Exp(mean), comparison.Perplexity, 1e-12);
        Assert.Equal(Math.Exp(mean) * standardError, comparison.PerplexityStandardError, 1e-12);
        Assert.Equal(Math.Exp(referenceMean), comparison.ReferencePerplexity, 1e-12);
        Assert.Equal(Math.Exp(referenceMean) * referenceStandardError, comparison.ReferencePerplexityStandardError, 1e-12);
        Assert.Equal(mean - referenceMean, comparison.LnRatio, 1e-12);
        Assert.Equal(lnRatioError, comparison.LnRatioStandardError, 1e-12);
        Assert.Equal(Math.Exp(mean - referenceMean), comparison.Ratio, 1e-12);
        Assert.Equal(Math.Exp(mean - referenceMean) * lnRatioError, comparison.RatioStandardError, 1e-12);
        Assert.Equal(covariance / (standardError * referenceStandardError), comparison.Correlation!.Value, 1e-12);
        Assert.InRange(comparison.Correlation.Value, 0.9, 1);
    }

    [Fact]
    public void A_reference_against_itself_has_a_ratio_of_exactly_1_and_ln_ratio_0_plus_minus_0()
    {
        double[] nll = [2.1, 3.4, 0.7, 5.2, 1.9, 2.8, 4.4, 0.3, 3.3, 2.2, 6.1, 1.5, 2.9, 0.01, 9.7];

        var comparison = TokenStatistics.ComparePerplexity(nll, [.. nll]);

        Assert.Equal((0.0, 0.0, 1.0, 0.0, (double?)1.0), (comparison.LnRatio, comparison.LnRatioStandardError, comparison.Ratio, comparison.RatioStandardError, comparison.Correlation));
        Assert.Equal((comparison.Perplexity, comparison.PerplexityStandardError), (comparison.ReferencePerplexity, comparison.ReferencePerplexityStandardError));
        Assert.Equal(Math.Exp(nll.Average()) * TokenStatistics.MeanAndStandardError(nll).StandardError, comparison.PerplexityStandardError, 1e-12);
        Assert.True(comparison.PerplexityStandardError > 0);
    }

    [Fact]
    public void At_ten_tokens_or_fewer_every_standard_error_is_zero_and_the_correlation_undefined()
    {
        var comparison = TokenStatistics.ComparePerplexity(OneTo(10), [.. OneTo(10).Select(x => x * 1.5)]);

        Assert.Equal((0.0, 0.0, 0.0, 0.0), (comparison.PerplexityStandardError, comparison.ReferencePerplexityStandardError, comparison.LnRatioStandardError, comparison.RatioStandardError));
        Assert.Null(comparison.Correlation);
        Assert.Equal(5.5 - 8.25, comparison.LnRatio, 1e-12);
    }

    [Fact]
    public void Bad_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => TokenStatistics.Distribution([], [50]));
        Assert.Throws<ArgumentException>(() => TokenStatistics.Distribution([double.NaN], [50]));
        Assert.Throws<ArgumentException>(() => TokenStatistics.Distribution([1], [101]));
        Assert.Throws<ArgumentException>(() => TokenStatistics.ComparePerplexity([1, 2], [1]));
    }

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double value) => 0;
    }
}
