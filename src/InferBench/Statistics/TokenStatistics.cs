using InferBench.Results;

namespace InferBench.Statistics;

/// <summary>
/// Statistics over per-token figures (KL divergence, Δp, negative log-likelihoods) as llama.cpp's
/// <c>llama-perplexity --kl-divergence</c> computes them, so figures can be set beside its tables: means with their
/// standard errors from sums of values and squares, 0 for 10 tokens or fewer; percentiles Hyndman–Fan type 7.
/// </summary>
public static class TokenStatistics
{
    /// <summary>The KL divergence percentiles llama.cpp prints (its median is the 50th).</summary>
    public static IReadOnlyList<double> KlDivergencePercents { get; } = [0.1, 1, 5, 10, 50, 90, 95, 99, 99.9];

    /// <summary>The Δp percentiles llama.cpp prints.</summary>
    public static IReadOnlyList<double> ProbabilityDeltaPercents { get; } = [0.1, 1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9];

    /// <summary>Standard errors rest on more tokens than this; at or below it they are 0, as in llama.cpp.</summary>
    public const int MaxTokensWithoutStandardError = 10;

    /// <summary>Mean, standard error of the mean, extremes and <paramref name="percents"/> of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">No values, a value that is not finite, or a percent outside 0 to 100.</exception>
    public static TokenDistribution Distribution(IReadOnlyList<double> values, IReadOnlyList<double> percents)
    {
        var sorted = SampleStatisticsCalculator.SortedFinite(values);
        var outside = percents.Where(percent => !(percent is >= 0 and <= 100)).ToArray();
        if (outside.Length > 0)
            throw new ArgumentException($"percentile {outside[0]} is outside 0 to 100", nameof(percents));
        var (mean, standardError) = MeanAndStandardError(values);
        return new TokenDistribution(mean, standardError, sorted[0], sorted[^1],
            [.. percents.Order().Select(percent => new PercentileValue(percent, SampleStatisticsCalculator.Percentile(sorted, percent / 100)))]);
    }

    /// <summary>The mean of <paramref name="values"/> and its standard error, sqrt((mean of squares − mean²) / (n − 1)); 0 for 10 values or fewer.</summary>
    public static (double Mean, double StandardError) MeanAndStandardError(IReadOnlyList<double> values)
    {
        var (mean, variance) = MeanAndVarianceOfMean(values);
        return (mean, Math.Sqrt(variance));
    }

    /// <summary>
    /// sqrt(mean of squares) of <paramref name="values"/> (RMS Δp) and its standard error, llama.cpp's: SE(mean of squares) / (2 · RMS);
    /// 0 where the RMS is.
    /// </summary>
    public static (double Rms, double StandardError) RootMeanSquare(IReadOnlyList<double> values)
    {
        var (meanSquare, standardError) = MeanAndStandardError([.. values.Select(value => value * value)]);
        var rms = Math.Sqrt(meanSquare);
        return (rms, rms > 0 ? 0.5 / rms * standardError : 0);
    }

    /// <summary>Standard error of a proportion over <paramref name="count"/> tokens (llama.cpp's "same top p"): sqrt(p(1 − p) / (n − 1)); 0 for one token.</summary>
    public static double ProportionStandardError(double proportion, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(proportion, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(proportion, 1);
        return count > 1 ? Math.Sqrt(proportion * (1 - proportion) / (count - 1)) : 0;
    }

    /// <summary>
    /// Perplexities of a model and its reference from their NLLs on the same tokens, in the same order, and their ratio
    /// with llama.cpp's standard errors. The ln ratio's variance, SE² + SE_ref² − 2·cov, is computed as the variance of the
    /// mean per-token difference, which is the same sum written without its cancellation: a model against itself gives
    /// exactly 0 ± 0 and a ratio of exactly 1.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, are empty or hold a value that is not finite.</exception>
    public static PerplexityComparison ComparePerplexity(IReadOnlyList<double> negativeLogLikelihoods, IReadOnlyList<double> referenceNegativeLogLikelihoods)
    {
        if (negativeLogLikelihoods.Count != referenceNegativeLogLikelihoods.Count)
            throw new ArgumentException($"{negativeLogLikelihoods.Count} and {referenceNegativeLogLikelihoods.Count} tokens cannot be compared");
        var (mean, variance) = MeanAndVarianceOfMean(negativeLogLikelihoods);
        var (referenceMean, referenceVariance) = MeanAndVarianceOfMean(referenceNegativeLogLikelihoods);
        var covariance = CovarianceOfMeans(negativeLogLikelihoods, referenceNegativeLogLikelihoods);
        double[] differences = [.. negativeLogLikelihoods.Zip(referenceNegativeLogLikelihoods, (mine, reference) => mine - reference)];
        var (_, lnRatioStandardError) = MeanAndStandardError(differences);
        var lnRatio = mean - referenceMean;
        var (perplexity, referencePerplexity, ratio) = (Math.Exp(mean), Math.Exp(referenceMean), Math.Exp(lnRatio));
        // sqrt(x · y) rather than sqrt(x) · sqrt(y): a model against itself then correlates exactly 1.
        var standardErrors = Math.Sqrt(variance * referenceVariance);
        return new PerplexityComparison(
            perplexity, perplexity * Math.Sqrt(variance),
            referencePerplexity, referencePerplexity * Math.Sqrt(referenceVariance),
            lnRatio, lnRatioStandardError, ratio, ratio * lnRatioStandardError,
            standardErrors > 0 ? Math.Clamp(covariance / standardErrors, -1, 1) : null);
    }

    /// <summary>The mean and its squared standard error; a variance not above 0 (rounding, constant values) is 0.</summary>
    private static (double Mean, double VarianceOfMean) MeanAndVarianceOfMean(IReadOnlyList<double> values)
    {
        SampleStatisticsCalculator.RequireFinite(values);
        var covariance = CovarianceOfMeans(values, values);
        return (Sum(values) / values.Count, covariance > 0 ? covariance : 0);
    }

    /// <summary>
    /// (Σab/n − mean(a)·mean(b)) / (n − 1), llama.cpp's covariance of the two means; 0 for 10 values or fewer (llama.cpp: under
    /// 10, but there it only feeds terms whose standard errors are 0 at 10). Both lists are checked by the caller, of one length.
    /// </summary>
    private static double CovarianceOfMeans(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var n = a.Count;
        if (n <= MaxTokensWithoutStandardError)
            return 0;
        var sumOfProducts = 0.0;
        for (var i = 0; i < n; i++)
            sumOfProducts += a[i] * b[i];
        return (sumOfProducts / n - Sum(a) / n * (Sum(b) / n)) / (n - 1);
    }

    /// <summary>Σ in list order, so equal lists give equal sums.</summary>
    private static double Sum(IReadOnlyList<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
            sum += value;
        return sum;
    }
}
