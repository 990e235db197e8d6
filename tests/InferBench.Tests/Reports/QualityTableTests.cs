using InferBench.Cost.Sheets;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

/// <summary>
/// The quality table as llama.cpp's llama-perplexity reports KL divergence: shown where a row has the statistics, each
/// mean ± its standard error to the error's second significant digit, the method and reference named above it.
/// </summary>
public sealed class QualityTableTests
{
    private static readonly MarkdownReportExporter Markdown = new();

    [Theory]
    [InlineData(6.246, 0.0412, "6.246 ± 0.041")]
    [InlineData(0.017475, 0.000763, "0.01748 ± 0.00076")] // llama.cpp's "Mean KLD: 0.017475 ± 0.000763"
    [InlineData(-0.123, 0.0101, "-0.123 ± 0.010")]
    [InlineData(81.25, 1.22, "81.3 ± 1.2")] // a half rounds away from zero, as CostFormat.Percent's "81.3%"
    [InlineData(-81.25, 1.22, "-81.3 ± 1.2")]
    [InlineData(1, 0.0, "1 ± 0")] // a zero error claims no digits
    [InlineData(0, 0.0, "0 ± 0")]
    [InlineData(6.246, 0.0, "6.25 ± 0")]
    [InlineData(8.7e-6, 1.2e-7, "8.70e-6 ± 1.20e-7")] // tiny: exponents, never 0.000009
    [InlineData(0.0153, 1e-9, "0.0153 ± 1.00e-9")]
    public void AMeanIsWrittenToItsStandardErrorsSecondDigit(double perplexity, double standardError, string expected)
    {
        var row = ReportSamples.OkRow() with { Quality = new ScenarioQuality(QualityMethod.LlamaCpp, perplexity, PerplexityStandardError: standardError) };

        Assert.Equal(expected, Column("ppl").Text(row));
    }

    [Fact]
    public void SameTopPIsTheSharePrintedElsewhereInTheReport()
    {
        var row = ReportSamples.OkRow() with { Fidelity = new ScenarioFidelity("cpu-fp32", 0.01, 0.05, 0.8125, -0.01, 1024, Top1AgreementStandardError: 0.0122) };

        Assert.Equal("81.3 ± 1.2", Column("same_top_p").Text(row));
        Assert.Equal("81.3%", CostFormat.Percent(0.8125));
    }

    [Fact]
    public void TheReferencesRatioAndLnRatioAgainstItselfAreWrittenAlike()
    {
        var report = Markdown.Export(ReportSamples.LlamaCppQualityRun());

        Assert.Contains("| cpu-fp32 | fp32 | 6.881 ± 0.088 | 1 ± 0 | 0 ± 0 | – |", report, StringComparison.Ordinal);
    }

    [Fact]
    public void AMeanWithoutAStandardErrorIsShownAloneAndNoMeanIsADash()
    {
        var row = ReportSamples.OkRow() with { Quality = new ScenarioQuality(QualityMethod.Text, 6.0), Fidelity = null };

        Assert.Equal("6.00", Column("ppl").Text(row));
        Assert.Equal("–", Column("kl_mean").Text(row));
    }

    [Fact]
    public void DeltaPAndSameTopPAreInPercent()
    {
        var int4 = ReportSamples.LlamaCppQualityRun().Results.Single(row => row is { Model: "phi-3-mini", Variant: "cpu-int4" });

        Assert.Equal("-0.612 ± 0.041", Column("delta_p_mean").Text(int4)); // Δp −0.00612 ± 0.000412 as a probability
        Assert.Equal("6.33 ± 0.11", Column("delta_p_rms").Text(int4));
        Assert.Equal("91.41 ± 0.44", Column("same_top_p").Text(int4));
        Assert.Equal("0.0158", Column("kl_median_nats").Text(int4));
        Assert.Equal("1.27", Column("kl_p999_nats").Text(int4));
    }

    [Fact]
    public void ALlamaCppRunNamesItsMethodAndReferenceAndItsSummaryReadsAsOnText()
    {
        var report = Markdown.Export(ReportSamples.LlamaCppQualityRun());

        Assert.Contains($"### {QualityTable.Heading}", report, StringComparison.Ordinal);
        Assert.Contains("Each variant against cpu-fp32, as llama.cpp's llama-perplexity reports it in its KL divergence mode: quality method llama.cpp, " +
            "4335 scored tokens of the evaluation text in chunks of 512 tokens, second half scored, BOS at each chunk (17 chunks), so the figures can be set " +
            "beside llama.cpp's llama-perplexity on the same text with -c 512 --chunks 17 (a table over the whole text scores more chunks).", report, StringComparison.Ordinal);
        Assert.Contains("| ppl 7.17 (+4.24%), top-1 91.4% |", report, StringComparison.Ordinal);
        Assert.Contains("| cpu-int4 | int4 | 7.173 ± 0.091 | 1.0424 ± 0.0012 | 0.0415 ± 0.0012 | 0.04531 ± 0.00081 |", report, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoredTokensThatAreNotWholeChunksNameNoLlamaPerplexityArguments()
    {
        var run = ReportSamples.LlamaCppQualityRun();
        run = run with { Results = [.. run.Results.Select(row => row.Quality is { Method: QualityMethod.LlamaCpp } quality ? row with { Quality = quality with { ScoredTokens = 4096 } } : row)] };

        var report = Markdown.Export(run);

        Assert.Contains("4096 scored tokens of the evaluation text in chunks of 512 tokens, second half scored, BOS at each chunk.", report, StringComparison.Ordinal);
        Assert.DoesNotContain("--chunks", report, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomTokensShowTheKlDistributionAndSameTopPWithoutAReferenceRow()
    {
        var report = Markdown.Export(ReportSamples.LlamaCppQualityRun());
        var synthetic = report[report.IndexOf("## synthetic-llama-small", StringComparison.Ordinal)..];

        Assert.Contains("quality method random-tokens, 1024 seeded random token positions", synthetic, StringComparison.Ordinal);
        Assert.Contains("| cpu-int4 | int4 | – | – | – | 0.0874 ± 0.0031 | 0.0580 | 0.412 | 0.970 | 1.93 | – | – | 81.3 ± 1.2 |", synthetic, StringComparison.Ordinal);
        Assert.DoesNotContain("| cpu-fp32 | fp32 | – |", synthetic, StringComparison.Ordinal);
    }

    [Fact]
    public void ARunWithoutTheStatisticsRendersWithoutTheTable()
    {
        Assert.DoesNotContain(QualityTable.Heading, Markdown.Export(ReportSamples.QuantizedRun()), StringComparison.Ordinal);
    }

    private static InferBench.Reports.Columns.Column<ScenarioResult> Column(string id) => QualityTable.Columns.Single(column => column.Id == id);
}
