using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

/// <summary>
/// The per-token distributions under the quality table, as llama.cpp's llama-perplexity lists its KL divergence and token
/// probability statistics: every percentile run.json records, from the maximum down to the minimum, the reference left out.
/// </summary>
public sealed class TokenDistributionTableTests
{
    private static readonly MarkdownReportExporter Markdown = new();

    private const string Header = "| Variant | Figure (unit) | Max | 99.9% | 99% | 95% | 90% | 75% | Median | 25% | 10% | 5% | 1% | 0.1% | Min |";

    [Fact]
    public void EachVariantShowsItsKlInNatsAndItsDeltaPInPercentagePointsFromTheMaximumDown()
    {
        var report = Markdown.Export(ReportSamples.LlamaCppQualityRun());
        var phi = report[report.IndexOf($"### {TokenDistributionTable.Heading}", StringComparison.Ordinal)..report.IndexOf("## synthetic-llama-small", StringComparison.Ordinal)];

        Assert.Contains(Header, phi, StringComparison.Ordinal);
        Assert.Contains("| cpu-int4 | KL (nats) | 25.4 | 1.27 | 0.451 | 0.163 | 0.0987 | – | 0.0158 | – | 0.00121 | 0.000412 | 5.62e-5 | 8.30e-6 | 7.30e-6 |",
            phi, StringComparison.Ordinal);
        Assert.Contains("| cpu-int4 | Δp (%) | 52.4 | 26.2 | 10.5 | 3.72 | 1.83 | 0.218 | -0.00412 | -0.621 | -3.23 | -6.57 | -16.8 | -41.1 | -61.6 |",
            phi, StringComparison.Ordinal); // Δp 0.262 at 99.9% as a probability
        Assert.Contains("Hyndman-Fan type 7, as llama.cpp computes them", phi, StringComparison.Ordinal);
        Assert.DoesNotContain("| cpu-fp32 |", phi, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomTokensShowKlOnly()
    {
        var report = Markdown.Export(ReportSamples.LlamaCppQualityRun());
        var synthetic = report[report.IndexOf("## synthetic-llama-small", StringComparison.Ordinal)..];

        Assert.Contains("| cpu-int4 | KL (nats) | 1.93 | 0.970 | 0.412 |", synthetic, StringComparison.Ordinal);
        Assert.DoesNotContain("| Δp (%) |", synthetic, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsWithoutADistributionShowNoTable()
    {
        var run = ReportSamples.LlamaCppQualityRun();
        run = run with
        {
            Results = [.. run.Results.Select(row => row.Fidelity is { } fidelity
                ? row with { Fidelity = fidelity with { KlDivergenceDistributionNats = null, TokenProbabilityDelta = null } }
                : row)],
        };

        var report = Markdown.Export(run);

        Assert.Contains(QualityTable.Heading, report, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenDistributionTable.Heading, report, StringComparison.Ordinal);
    }
}
