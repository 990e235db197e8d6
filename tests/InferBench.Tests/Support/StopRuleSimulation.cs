using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Tests.Support;

/// <summary>
/// Whole <c>--reps auto</c> points on scripted decode tokens/s with fixed seeds: repeat until the stopper says stop
/// (target ±2%, at most 50 repetitions), then ask whether the interval reported at the stop holds the true mean.
/// 4000 trials give a coverage to ±0.35% (one standard error), so 95% and 80% are 40 errors apart. README quotes
/// the figures for the two seeds below.
/// </summary>
internal static class StopRuleSimulation
{
    /// <summary>Independent lognormal repetitions at 5% CV.</summary>
    public const int IndependentSeed = 20261129;

    /// <summary>AR(1) on the log scale, lag-1 correlation 0.5: a slowly drifting machine.</summary>
    public const int AutocorrelatedSeed = 20261130;

    public const int MaxRepetitions = 50;

    private const int Trials = 4000;
    private const double TrueMean = 100;
    private const double CoefficientOfVariation = 0.05;
    private static readonly AutoRepetitions Plan = new(TargetHalfWidthPercent: 2, MaxRepetitions, MaxSecondsPerPoint: double.MaxValue);

    /// <summary>--reps auto's stopper and interval: the share of trials covered, and the share that stopped precise.</summary>
    public static (double Coverage, double Precise) RuleCoverage(double autocorrelation, int seed) =>
        Simulate(autocorrelation, seed, values => new AutoRepetitionStopper(Plan).Decide(values, 0) is not null, RepetitionStopRule.Of);

    /// <summary>The naive rule's coverage: stop at the first independent t interval within ±2% from 3 values, or at 50.</summary>
    public static double NaiveCoverage(double autocorrelation, int seed) =>
        Simulate(autocorrelation, seed,
            values => values.Count >= 3 && NaivePrecision(values).RelativeHalfWidth <= 0.02 || values.Count == MaxRepetitions,
            NaivePrecision).Coverage;

    private static (double Coverage, double Precise) Simulate(
        double autocorrelation, int seed, Func<IReadOnlyList<double>, bool> stop, Func<IReadOnlyList<double>, MeanPrecision> interval)
    {
        var random = new Random(seed);
        var logSigma = Math.Sqrt(Math.Log(1 + CoefficientOfVariation * CoefficientOfVariation));
        int covered = 0, precise = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            var values = new List<double>();
            var log = StandardNormal(random) * logSigma;
            do
            {
                // Stationary AR(1) on the log scale: every value is lognormal with mean TrueMean and the same CV.
                values.Add(TrueMean * Math.Exp(log - logSigma * logSigma / 2));
                log = autocorrelation * log + Math.Sqrt(1 - autocorrelation * autocorrelation) * logSigma * StandardNormal(random);
            }
            while (!stop(values));
            var atStop = interval(values);
            if (atStop.Low <= TrueMean && TrueMean <= atStop.High)
                covered++;
            if (values.Count < MaxRepetitions)
                precise++;
        }
        return ((double)covered / Trials, (double)precise / Trials);
    }

    private static MeanPrecision NaivePrecision(IReadOnlyList<double> values)
    {
        var statistics = SampleStatisticsCalculator.From(values);
        return new MeanPrecision(values.Count, statistics.Mean, statistics.ConfidenceInterval95Upper - statistics.Mean, 0);
    }

    private static double StandardNormal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
