using System.Text.RegularExpressions;
using System.Xml.Linq;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Reports;

public sealed partial class HtmlReportExporterTests
{
    private static readonly HtmlReportExporter Exporter = new();

    [Fact]
    public void HasTheFiveChartsOfAModelWithTwoVariantsAsInlineSvg()
    {
        var html = Exporter.Export(ReportSamples.QuantizedRun());

        var charts = SvgElements(html);
        Assert.Equal(5, charts.Count);
        Assert.Equal(
            ["Decode tok/s by variant", "$ per 1M generated tokens by variant", "Decode tok/s against batch size",
                "J/token against batch size", "Decode tok/s against $ per 1M generated tokens"],
            charts.Select(svg => svg.Element("title")!.Value));
        Assert.All(charts, svg => Assert.NotNull(svg.Attribute("viewBox")));
        Assert.Contains(charts[4].Elements("text"), text => text.Value == "cpu-int4 · ppl +4.10%");
        Assert.Contains("Quality: ppl = perplexity on the evaluation text", html, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesFromTheInputsAreEscapedInTextTablesAndCharts()
    {
        var run = ReportSamples.QuantizedRun();
        run = run with
        {
            Results = [.. run.Results.Select(row => row with { Model = "<img src=x onerror=alert(1)>", Variant = row.Variant + "<b>\"&'" })],
        };

        var html = Exporter.Export(run);

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>&lt;img src=x onerror=alert(1)&gt;</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td>cpu-int4&lt;b&gt;&quot;&amp;&#39;</td>", html, StringComparison.Ordinal);
        Assert.Contains(SvgElements(html).SelectMany(svg => svg.Elements("text")), text => text.Value.StartsWith("cpu-int4<b>\"&'", StringComparison.Ordinal));
    }

    [Fact]
    public void ParetoFrontierOfRealModelsWeighsThePerplexityChangeAgainstSpeedAndCost()
    {
        var html = Exporter.Export(ReportSamples.QuantizedRun());

        // int4 is faster and so cheaper, but raises perplexity by 4.1% over fp32 (the reference): neither beats the other on all three.
        Assert.Contains("Pareto frontier over speed, $ per 1M generated tokens and perplexity change: cpu-int4, cpu-fp32 ", html, StringComparison.Ordinal);
        Assert.Equal("5 4", (string)SvgElements(html)[4].Element("polyline")!.Attribute("stroke-dasharray")!);
    }

    [Fact]
    public void ParetoFrontierWeighsFidelityAgainstSpeedAndCost()
    {
        var run = ReportSamples.QuantizedRun();
        var html = Exporter.Export(run with { Results = [.. run.Results.Select(row => row with { Quality = null })] });

        // int4 is faster and so cheaper, but fp32 (the reference) keeps every top-1 token: neither beats the other on all three.
        Assert.Contains("Pareto frontier over speed, $ per 1M generated tokens and top-1 agreement: cpu-int4, cpu-fp32 ", html, StringComparison.Ordinal);
        Assert.Equal("5 4", (string)SvgElements(html)[4].Element("polyline")!.Attribute("stroke-dasharray")!);
    }

    [Fact]
    public void WithoutFidelityTheFasterCheaperVariantAloneIsTheFrontier()
    {
        var run = ReportSamples.QuantizedRun();
        var html = Exporter.Export(run with { Results = [.. run.Results.Select(row => row with { Fidelity = null, Quality = null })] });

        Assert.Contains("Pareto frontier over speed and $ per 1M generated tokens: cpu-int4 ", html, StringComparison.Ordinal);
        Assert.Empty(SvgElements(html)[4].Elements("polyline"));
    }

    [Fact]
    public void ChartsAreLeftOutWhereTheirDataIsMissing()
    {
        var run = ReportSamples.Run(ReportSamples.SingleRepetitionRow(), ReportSamples.FailedRow());
        var html = Exporter.Export(run with { Cost = run.Cost! with { PriceUsdPerHour = null } });

        // One variant, no price, no energy: no $ bars, no J/token lines, no Pareto view.
        Assert.Equal(["Decode tok/s by variant", "Decode tok/s against batch size"], SvgElements(html).Select(svg => svg.Element("title")!.Value));
    }

    [Fact]
    public void IsSelfContained()
    {
        var html = Exporter.Export(ReportSamples.QuantizedRun() with { CommandLine = "inferbench run --manifest https://example.org/m.json" });

        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotMatch(new Regex("<(script|link|img|iframe|object)\\b", RegexOptions.IgnoreCase), html);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);
        // A URL in the text is shown, escaped, never fetched.
        Assert.Contains("<code>inferbench run --manifest https://example.org/m.json</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HasTheSetupAssumptionsTakeawaysAndTheSameTableAsTheMarkdownReport()
    {
        var html = Exporter.Export(ReportSamples.Run(ReportSamples.OkRow(), ReportSamples.FailedRow()));

        Assert.Contains("<dt>Host</dt><dd>Ubuntu 24.04.1 LTS X64, AMD EPYC 9654 (16 logical cores)", html, StringComparison.Ordinal);
        Assert.Contains("<dt>hardware price</dt><dd>$3.99/h (recalled, 2026-06: Lambda on-demand H100 SXM)</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Decode tok/s (median ± CI95)</th><th scope=\"col\">$/1M gen tokens</th>", html, StringComparison.Ordinal);
        Assert.Contains(
            "<tr><td>cpu-int4-rtn-block-32</td><td>int4</td><td>cpu</td><td class=\"n\">1</td><td class=\"n\">128</td><td class=\"n\">64</td>" +
            "<td>ok</td><td class=\"n\">5</td><td class=\"n\">123 [125]</td><td class=\"n\">1000</td><td class=\"n\">45.5 ± 1.4</td>" +
            "<td class=\"n\">$48.70</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>failed: CUDA error: out of memory | allocating 2 GiB</td>", html, StringComparison.Ordinal);
        // The table's two rows, the int4's row of the quality table (QualityTable) and its KL and Δp rows of the per-token distributions.
        Assert.Equal(5, Regex.Count(html, "<tr><td>"));
    }

    [Fact]
    public void TakeawaysAndPartialBannerAreShown()
    {
        var html = Exporter.Export(ReportSamples.QuantizedRun() with { Cancelled = true });

        Assert.Contains("<p class=\"partial\"><strong>Partial:</strong> the run was stopped", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"takeaway\"><strong>What this means:</strong> cpu-int4 (int4) decodes 2.70x faster than cpu-fp32 (fp32)",
            html, StringComparison.Ordinal);
    }

    [Fact]
    public void TextIsEscaped()
    {
        var html = Exporter.Export(ReportSamples.Run(ReportSamples.OkRow() with { Model = "<b>m&m</b>", Variant = "v\"<x>" }));

        Assert.Contains("<h2>&lt;b&gt;m&amp;m&lt;/b&gt;</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<x>", html, StringComparison.Ordinal);
        SvgElements(html); // still well-formed with the variant's name in the charts
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    public void OutputDoesNotDependOnTheCurrentCulture(string culture)
    {
        var run = ReportSamples.QuantizedRun();
        var invariant = Exporter.Export(run);

        var localized = CultureScope.Run(culture, () => Exporter.Export(run));

        Assert.Equal(invariant, localized);
        Assert.Contains("viewBox=\"0 0 520 ", localized, StringComparison.Ordinal);
    }

    /// <summary>Every inline SVG element, parsed as XML (which also proves each is well-formed).</summary>
    private static List<XElement> SvgElements(string html) =>
        [.. Regex.Matches(html, "<svg\\b.*?</svg>", RegexOptions.Singleline).Select(match => XElement.Parse(match.Value))];

    [GeneratedRegex("(src|href|action|poster|data)\\s*=\\s*[\"']?\\s*(https?:)?//|url\\(|@import", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
