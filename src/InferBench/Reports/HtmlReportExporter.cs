using System.Text;
using InferBench.Cost.Runs;
using InferBench.Forecast;
using InferBench.Reports.Columns;
using InferBench.Reports.Compare;
using InferBench.Results;
using static InferBench.Reports.HtmlBlocks;

namespace InferBench.Reports;

/// <summary>
/// report.html: report.md's content in one self-contained page (inline style, inline SVG charts, no scripts, nothing
/// fetched) that reads on a phone: setup, cost and energy assumptions, then per model its takeaways, charts and table.
/// </summary>
public sealed class HtmlReportExporter : IRunExporter
{
    public const string FileName = "report.html";

    string IRunExporter.FileName => FileName;

    public string Export(RunResult run, SavedForecast? forecast = null)
    {
        var pricing = new RunPricing(run.Cost);
        var title = ReportSetup.Title(run);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append($"<title>{E(title)}</title>\n<style>\n{HtmlReportStyle.Css}</style>\n</head>\n<body>\n<main>\n<h1>{E(title)}</h1>\n");
        if (RunCompleteness.PartialReason(run) is { } partial)
            html.Append($"<p class=\"partial\"><strong>Partial:</strong> {E(partial)}.</p>\n");
        var driftSummary = run.Drift is { } runDrift ? DriftTable.Summary(run, runDrift) : null;
        if (run.Drift is { LargerThanNoise: true })
            html.Append($"<p class=\"partial\"><strong>Drift:</strong> {E(driftSummary!)}</p>\n");
        html.Append($"<p>{E(ReportSetup.Timing(run))}</p>\n");
        AppendFacts(html, ReportSetup.Facts(run));
        html.Append("<h2>Cost and energy assumptions</h2>\n");
        AppendFacts(html, ReportSetup.CostAssumptions(run, pricing));
        foreach (var model in run.Results.GroupBy(result => result.Model))
        {
            List<ScenarioResult> rows = [.. model];
            var firstRound = ReportTable.FirstRound(rows);
            html.Append($"<section>\n<h2>{E(model.Key)}</h2>\n");
            var choices = OperatingPoints.Apply(run) ? OperatingPoints.For(run, rows, pricing) : [];
            if (choices.Count > 0)
            {
                var targets = run.Plan.LatencyTargets;
                html.Append($"<h3>{E(OperatingPoints.Heading)}</h3>\n<ul>\n")
                    .AppendJoin("", choices.Select(choice => $"<li>{E(OperatingPoints.Sentence(choice, targets is { Count: > 0 }))}</li>\n"))
                    .Append("</ul>\n");
                var variants = choices.Select(choice => (choice.Variant, choice.ExecutionProvider)).Distinct().ToList();
                AppendCharts(html, [.. choices.Select(choice => OperatingPoints.Chart(choice, targets, variants.IndexOf((choice.Variant, choice.ExecutionProvider))))]);
                AppendTable(html, OperatingPoints.Columns, choices.SelectMany(choice => choice.Points));
            }
            foreach (var sentence in ModelTakeaways.For(firstRound, pricing))
                html.Append($"<p class=\"takeaway\"><strong>What this means:</strong> {E(sentence)}</p>\n");
            if (choices.Count > 0)
                html.Append("<h3>All rows</h3>\n");
            AppendCharts(html, ReportCharts.For(firstRound, pricing));
            AppendTable(html, ReportTable.For(run), ReportTable.Ordered(rows).Select(result => new PricedRow(result, pricing.For(result))));
            if (GpuStateFacts.For(rows) is { Count: > 0 } gpuStates)
            {
                html.Append($"<h3>{E(GpuStateFacts.Heading)}</h3>\n");
                AppendFacts(html, gpuStates);
            }
            html.Append("</section>\n");
        }
        if (forecast is { Rows.Count: > 0 })
            AppendForecast(html, forecast);
        if (run.Drift is { } drift)
            AppendDrift(html, driftSummary!, drift);
        return html.Append($"<footer>{E(ReportSetup.Definitions)}</footer>\n</main>\n</body>\n</html>\n").ToString();
    }

    private static void AppendForecast(StringBuilder html, SavedForecast forecast)
    {
        html.Append($"<section class=\"forecast\">\n<h2>{E(ForecastSection.Heading)}</h2>\n<p>{E(ForecastSection.Introduction(forecast))}</p>\n");
        AppendTable(html, ForecastSection.Columns, forecast.Rows);
        html.Append("<ul>\n").AppendJoin("", ForecastSection.Notes(forecast.Rows).Select(note => $"<li>{E(note)}</li>\n")).Append("</ul>\n</section>\n");
    }

    private static void AppendDrift(StringBuilder html, string summary, RoundDrift drift)
    {
        html.Append($"<section>\n<h2>Drift between rounds</h2>\n<p>{E(summary)}</p>\n");
        if (drift.Differences.Count > 0)
            AppendTable(html, DriftTable.Columns, drift.Differences);
        html.Append("</section>\n");
    }

    private static string E(string text) => HtmlText.Escape(text);
}
