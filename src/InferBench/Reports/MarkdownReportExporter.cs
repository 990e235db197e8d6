using System.Text;
using InferBench.Cost.Runs;
using InferBench.Forecast;
using InferBench.Reports.Columns;
using InferBench.Reports.Compare;
using InferBench.Results;
using static InferBench.Reports.MarkdownBlocks;
using static InferBench.Reports.MarkdownText;

namespace InferBench.Reports;

/// <summary>
/// report.md: the run at a glance: its setup and cost assumptions, then per model a "what this means" line and a
/// table with its variants and plan points side by side.
/// </summary>
public sealed class MarkdownReportExporter : IRunExporter
{
    public const string FileName = "report.md";

    string IRunExporter.FileName => FileName;

    public string Export(RunResult run, SavedForecast? forecast = null)
    {
        var pricing = new RunPricing(run.Cost);
        var columns = ReportTable.For(run);
        var md = new StringBuilder();
        md.Append($"# {Text(ReportSetup.Title(run))}\n\n");
        if (RunCompleteness.PartialReason(run) is { } partial)
            md.Append($"> **Partial:** {Text(partial)}.\n\n");
        var driftSummary = run.Drift is { } runDrift ? DriftTable.Summary(run, runDrift) : null;
        if (run.Drift is { LargerThanNoise: true })
            md.Append($"> **Drift:** {Text(driftSummary!)}\n\n");
        md.Append($"{ReportSetup.Timing(run)}\n\n");
        AppendFacts(md, ReportSetup.Facts(run));
        md.Append("\n## Cost and energy assumptions\n\n");
        AppendFacts(md, ReportSetup.CostAssumptions(run, pricing));
        md.Append('\n');
        foreach (var model in run.Results.GroupBy(result => result.Model))
        {
            md.Append($"## {Text(model.Key)}\n\n");
            var choices = OperatingPoints.Apply(run) ? OperatingPoints.For(run, [.. model], pricing) : [];
            if (choices.Count > 0)
            {
                md.Append($"### {OperatingPoints.Heading}\n\n");
                foreach (var choice in choices)
                    md.Append($"- {Text(OperatingPoints.Sentence(choice, run.Plan.LatencyTargets is { Count: > 0 }))}\n");
                md.Append('\n');
                AppendTable(md, OperatingPoints.Columns, choices.SelectMany(choice => choice.Points));
            }
            foreach (var sentence in ModelTakeaways.For(ReportTable.FirstRound(model), pricing))
                md.Append($"**What this means:** {Text(sentence)}\n\n");
            if (choices.Count > 0)
                md.Append("### All rows\n\n");
            AppendTable(md, columns, ReportTable.Ordered(model).Select(result => new PricedRow(result, pricing.For(result))));
            if (GpuStateFacts.For(model) is { Count: > 0 } gpuStates)
            {
                md.Append($"### {GpuStateFacts.Heading}\n\n");
                AppendFacts(md, gpuStates);
                md.Append('\n');
            }
        }
        if (forecast is { Rows.Count: > 0 })
            AppendForecast(md, forecast);
        if (run.Drift is { } drift)
            AppendDrift(md, driftSummary!, drift);
        md.Append(ReportSetup.Definitions).Append('\n');
        return md.ToString();
    }

    private static void AppendForecast(StringBuilder md, SavedForecast forecast)
    {
        md.Append($"## {ForecastSection.Heading}\n\n{Text(ForecastSection.Introduction(forecast))}\n\n");
        AppendTable(md, ForecastSection.Columns, forecast.Rows);
        foreach (var note in ForecastSection.Notes(forecast.Rows))
            md.Append($"- {Text(note)}\n");
        md.Append('\n');
    }

    private static void AppendDrift(StringBuilder md, string summary, RoundDrift drift)
    {
        md.Append($"## Drift between rounds\n\n{Text(summary)}\n\n");
        if (drift.Differences.Count > 0)
            AppendTable(md, DriftTable.Columns, drift.Differences);
    }
}
