using InferBench.Reports.Compare;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

public sealed class RunComparisonTests
{
    private static readonly double[] Steady = [100, 101, 99, 100.5, 99.5];

    [Fact]
    public void RowsMatchByModelVariantPrecisionEpBatchPromptAndGenTokens()
    {
        var a = CompareSamples.Run("a", CompareSamples.Row("cpu-fp32", 1, Steady), CompareSamples.Row("cpu-int4", 1, Steady),
            ReportSamples.FailedRow());
        var b = CompareSamples.Run("b", CompareSamples.Row("cpu-fp32", 1, Steady), CompareSamples.Row("cpu-int4", 4, Steady),
            ReportSamples.FailedRow());

        var comparison = Compare(a, b);

        Assert.Equal(
            [("cpu-fp32", 1, "decode tok/s"), ("cpu-fp32", 1, "TTFT ms")],
            comparison.Rows.Select(row => (row.Scenario.Variant, row.Scenario.BatchSize, row.Metric.Name)));
        Assert.Equal(2, comparison.UnmatchedRows); // A's int4 at batch 1 and B's at batch 4; failed rows are not measured
        Assert.Equal(["A", "B"], comparison.Runs.Select(run => run.Label));
    }

    [Fact]
    public void A_side_without_usable_repetitions_shows_no_NaN()
    {
        var comparison = Compare(
            CompareSamples.Run("a", CompareSamples.Row("cpu-fp32", 1, Steady)),
            CompareSamples.Run("b", CompareSamples.Row("cpu-fp32", 1, [0, 0, 0])));

        var text = ComparisonText.Format(comparison);

        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        Assert.Contains("0 vs", ComparisonText.Format(Compare(
            CompareSamples.Run("b", CompareSamples.Row("cpu-fp32", 1, [0, 0, 0])),
            CompareSamples.Run("a", CompareSamples.Row("cpu-fp32", 1, Steady)))), StringComparison.Ordinal);
    }

    [Fact]
    public void ClearlyDifferentRunsAreLargerThanNoise()
    {
        var row = Single(Compare(
            CompareSamples.Run("a", CompareSamples.Row("cpu-fp32", 1, Steady)),
            CompareSamples.Run("b", CompareSamples.Row("cpu-fp32", 1, [.. Steady.Select(rate => rate * 1.5)]))));

        Assert.Equal(100, row.BaselineMedian, 9); // the warmup repetition (1 tok/s) is left out
        Assert.Equal(1.5, row.Ratio, 9);
        Assert.Equal(NoiseVerdict.LargerThanNoise, row.Verdict);
        Assert.InRange(row.ChangeCi95Low!.Value, 0.45, 0.5);
        Assert.InRange(row.ChangeCi95High!.Value, 0.5, 0.55);
    }

    [Fact]
    public void RunsFromTheSameDistributionAreWithinNoise()
    {
        var row = Single(Compare(
            CompareSamples.Run("a", CompareSamples.Row("cpu-fp32", 1, [100, 104, 96, 102, 98])),
            CompareSamples.Run("b", CompareSamples.Row("cpu-fp32", 1, [98, 102, 100, 96, 103]))));

        Assert.Equal(NoiseVerdict.WithinNoise, row.Verdict);
        Assert.True(row.ChangeCi95Low < 0 && row.ChangeCi95High > 0);
    }

    [Fact]
    public void TheIntervalIsWelchsOnTheLogValues()
    {
        // Logs 0, 0.1, 0.2 against 0.3, 0.4, 0.5: difference 0.3, each variance 0.01, standard error sqrt(2 x 0.01 / 3),
        // Welch-Satterthwaite 4 degrees of freedom (equal n and variances), t(0.975, 4) = 2.776445.
        var row = Single(Compare(
            CompareSamples.Run("a", CompareSamples.Row("cpu-fp32", 1, [.. new[] { 0, 0.1, 0.2 }.Select(log => 100 * Math.Exp(log))])),
            CompareSamples.Run("b", CompareSamples.Row("cpu-fp32", 1, [.. new[] { 0.3, 0.4, 0.5 }.Select(log => 100 * Math.Exp(log))]))));

        var halfWidth = 2.776445 * Math.Sqrt(2 * 0.01 / 3);
        Assert.Equal(100 * Math.Exp(0.1), row.BaselineGeometricMean, 6);
        Assert.Equal(Math.Exp(0.3), row.Ratio, 9);
        Assert.Equal(Math.Exp(0.3 - halfWidth) - 1, row.ChangeCi95Low!.Value, 5);
        Assert.Equal(Math.Exp(0.3 + halfWidth) - 1, row.ChangeCi95High!.Value, 5);
        Assert.Equal(NoiseVerdict.LargerThanNoise, row.Verdict);
    }

    [Fact]
    public void AtThreeRepetitionsTheOutputSaysWhatTheVerdictCanAndCannotConclude()
    {
        var comparison = Compare(
            CompareSamples.Run("a", CompareSamples.Row("cpu-fp32", 1, [100, 104, 96])),
            CompareSamples.Run("b", CompareSamples.Row("cpu-fp32", 1, [98, 102, 100])));

        Assert.Equal(NoiseVerdict.WithinNoise, Single(comparison).Verdict);
        var text = ComparisonText.Format(comparison);
        Assert.Contains("2 row(s) have fewer than 5 repetitions on a side", text, StringComparison.Ordinal);
        Assert.Contains("\"larger than noise\" still means a real difference (at most 5% false alarms)", text, StringComparison.Ordinal);
        Assert.Contains("\"within noise\" does not mean the runs are alike", text, StringComparison.Ordinal);
        Assert.Contains("Run with --reps 5 or more", text, StringComparison.Ordinal);
        Assert.Contains("fewer than 5 repetitions on a side", ComparisonJson.Serialize(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void AtFiveRepetitionsThereIsNoSmallSampleNote()
    {
        var text = ComparisonText.Format(Compare(
            CompareSamples.Run("a", CompareSamples.Row("cpu-fp32", 1, [100, 104, 96, 102, 98])),
            CompareSamples.Run("b", CompareSamples.Row("cpu-fp32", 1, [98, 102, 100, 96, 103]))));

        Assert.DoesNotContain("fewer than 5 repetitions", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FewerThanThreeRepetitionsGiveNoIntervalAndNoVerdict()
    {
        var row = Single(Compare(
            CompareSamples.Run("a", CompareSamples.Row("cpu-fp32", 1, [100, 101])),
            CompareSamples.Run("b", CompareSamples.Row("cpu-fp32", 1, [150, 151, 149]))));

        Assert.Equal(NoiseVerdict.TooFewRepetitions, row.Verdict);
        Assert.Null(row.ChangeCi95Low);
        Assert.Equal(2, row.BaselineRepetitions);
    }

    [Fact]
    public void LaterRunsAreEachComparedWithTheFirst()
    {
        var comparison = Compare(
            CompareSamples.Run("a", CompareSamples.Row("cpu-fp32", 1, Steady)),
            CompareSamples.Run("b", CompareSamples.Row("cpu-fp32", 1, Steady)),
            CompareSamples.Run("c", CompareSamples.Row("cpu-fp32", 1, [.. Steady.Select(rate => rate * 2)])));

        var decode = comparison.Rows.Where(row => row.Metric == ComparedMetric.DecodeTokensPerSecond).ToList();
        Assert.Equal([("A", "B", 1.0), ("A", "C", 2.0)], decode.Select(row => (row.Baseline, row.Run, Math.Round(row.Ratio, 9))));
    }

    [Fact]
    public void RunsWithNothingInCommonAreAnInputError()
    {
        var error = Assert.Throws<InputException>(() => Compare(
            CompareSamples.Run("a", CompareSamples.Row("cpu-fp32", 1, Steady)),
            CompareSamples.Run("b", CompareSamples.Row("cpu-fp32", 4, Steady))));

        Assert.Contains("no measured row in common", error.Message, StringComparison.Ordinal);
        Assert.Contains("A (a) has 1, B (b) has 1 measured rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextLinesUpItsColumnsAndSaysHowTheIntervalIsMade()
    {
        var text = ComparisonText.Format(Compare(
            CompareSamples.Run("a", CompareSamples.Row("cpu-fp32", 1, Steady)),
            CompareSamples.Run("b", CompareSamples.Row("cpu-fp32", 1, [.. Steady.Select(rate => rate * 1.5)]))));

        var lines = text.Split('\n');
        Assert.Equal("Baseline A: a (folder-a)", lines[0]);
        var table = lines.Skip(3).Take(3).ToList();
        Assert.StartsWith("Model       Variant   Precision  EP   Batch  Prompt  Gen  Metric        A geomean  Run  Run geomean", table[0], StringComparison.Ordinal);
        Assert.Equal(table[0].IndexOf("Verdict", StringComparison.Ordinal), table[1].IndexOf("larger than noise", StringComparison.Ordinal));
        Assert.Contains("  decode tok/s      100.0  B            150  1.50x  +50.0%  [+48.3%, +51.7%]", table[1], StringComparison.Ordinal);
        Assert.Contains("Welch t-interval on the logarithms of the values", text, StringComparison.Ordinal);
    }

    private static MetricComparison Single(RunComparison comparison) =>
        Assert.Single(comparison.Rows, row => row.Metric == ComparedMetric.DecodeTokensPerSecond);

    private static RunComparison Compare(params RunResult[] runs) =>
        RunComparison.Of([.. runs.Select(run => (run, $"folder-{run.RunId}"))]);

    [Fact]
    public void ServingPointsPairByModelVariantPrecisionEpAndLoad()
    {
        var points = ServingSamples.Points();
        var baseline = ServingSamples.Run() with { Results = [] };
        var other = baseline with { RunId = "b", Serving = [points[1], points[5] with { Load = new("request-rate", null, 8) }] };

        var comparison = RunComparison.Of([(baseline, "a"), (other, "b")]);

        Assert.Empty(comparison.Rows);
        Assert.All(comparison.Serving!, row => Assert.Equal(new ServingLoad("concurrency", 2, null), row.Point.Load));
        Assert.Equal(["requestsPerSecond", "goodputRequestsPerSecond", "timeToFirstTokenMillisecondsP50"], comparison.Serving!.Select(row => row.Metric));
        Assert.All(comparison.Serving!, row => Assert.Equal(0, row.Change));
    }

    [Fact]
    public void RunsWithNeitherRowsNorServingPointsInCommonAreBadInputThatCountsBoth()
    {
        var baseline = ServingSamples.Run() with { Results = [] };
        var other = baseline with { RunId = "b", Serving = [ServingSamples.Points()[0] with { Variant = "cpu-fp32" }] };

        var error = Assert.Throws<InputException>(() => RunComparison.Of([(baseline, "a"), (other, "b")]));

        Assert.Contains("and no serving point in common (they match by model, variant, precision, EP and load): A has 6, B has 1 measured points", error.Message,
            StringComparison.Ordinal);
    }
}
