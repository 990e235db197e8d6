using System.Text.Json.Serialization;
using InferBench.Reports.Columns;
using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Reports.Compare;

/// <summary>
/// One metric of one matched row: a run's repetitions against the baseline run's, the ratio of their geometric means
/// and the 95% interval of the change (ratio - 1) that says whether the difference is larger than the measurement noise.
/// </summary>
/// <param name="Baseline">The baseline run's label ("A").</param>
/// <param name="Run">The compared run's label ("B", "C", ...).</param>
/// <param name="BaselineRepetitions">Measured repetitions of the baseline with a positive, finite value.</param>
/// <param name="ChangeCi95Low">Lower bound of the interval of the change, as a fraction (-0.05: 5% lower); null with too few repetitions.</param>
public sealed record MetricComparison(
    ScenarioKey Scenario,
    [property: JsonIgnore] ComparedMetric Metric,
    string Baseline,
    string Run,
    double BaselineMedian,
    double RunMedian,
    double BaselineGeometricMean,
    double RunGeometricMean,
    int BaselineRepetitions,
    int RunRepetitions,
    double? ChangeCi95Low,
    double? ChangeCi95High)
{
    [JsonPropertyName("metric")] public string MetricKey => Metric.Key;

    /// <summary>RunGeometricMean / BaselineGeometricMean.</summary>
    public double Ratio => RunGeometricMean / BaselineGeometricMean;

    /// <summary>Ratio - 1, as a fraction.</summary>
    public double Change => Ratio - 1;

    /// <summary>Fewer than <see cref="RunComparison.FewRepetitions"/> on a side: a verdict, but see <see cref="NoiseVerdict.WithinNoise"/>.</summary>
    [JsonIgnore] public bool FewRepetitions => Verdict != NoiseVerdict.TooFewRepetitions && Math.Min(BaselineRepetitions, RunRepetitions) < RunComparison.FewRepetitions;

    public NoiseVerdict Verdict => GeometricMeanRatio.VerdictOf(ChangeCi95Low, ChangeCi95High);
}
