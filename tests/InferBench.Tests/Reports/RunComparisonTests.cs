using InferBench.Reports.Compare;
using InferBench.Results;

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
    public void SameSeedGivesTheSameOutputAndAnotherSeedAnotherInterval()
    {
        var a = CompareSamples.Run("a", CompareSamples.Row("cpu-fp32", 1, [100, 104, 96, 102, 98], [50, 52, 49, 51, 55]));
        var b = CompareSamples.Run("b", CompareSamples.Row("cpu-fp32", 1, [101, 107, 95, 99, 103], [48, 53, 50, 47, 51]));

        var first = ComparisonJson.Serialize(Compare(a, b, seed: 7));

        Assert.Equal(first, ComparisonJson.Serialize(Compare(a, b, seed: 7)));
        Assert.Equal(ComparisonText.Format(Compare(a, b, seed: 7)), ComparisonText.Format(Compare(a, b, seed: 7)));
        Assert.NotEqual(first, ComparisonJson.Serialize(Compare(a, b, seed: 8)));
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
    public void TextLinesUpItsColumnsAndSaysHowTheIntervalWasMade()
    {
        var text = ComparisonText.Format(Compare(
            CompareSamples.Run("a", CompareSamples.Row("cpu-fp32", 1, Steady)),
            CompareSamples.Run("b", CompareSamples.Row("cpu-fp32", 1, [.. Steady.Select(rate => rate * 1.5)]))));

        var lines = text.Split('\n');
        Assert.Equal("Baseline A: a (folder-a)", lines[0]);
        var table = lines.Skip(3).Take(3).ToList();
        Assert.StartsWith("Model       Variant   Precision  EP   Batch  Prompt  Gen  Metric        A median  Run  Run median", table[0], StringComparison.Ordinal);
        Assert.Equal(table[0].IndexOf("Verdict", StringComparison.Ordinal), table[1].IndexOf("larger than noise", StringComparison.Ordinal));
        Assert.Contains("  decode tok/s       100  B           150  1.50x  +50.0%", table[1], StringComparison.Ordinal);
        Assert.Contains("2000 resamples, seed 42", text, StringComparison.Ordinal);
    }

    private static MetricComparison Single(RunComparison comparison) =>
        Assert.Single(comparison.Rows, row => row.Metric == ComparedMetric.DecodeTokensPerSecond);

    private static RunComparison Compare(params RunResult[] runs) =>
        RunComparison.Of([.. runs.Select(run => (run, $"folder-{run.RunId}"))]);

    private static RunComparison Compare(RunResult a, RunResult b, int seed) => RunComparison.Of([(a, "folder-a"), (b, "folder-b")], seed: seed);
}
