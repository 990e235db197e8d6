using System.Text;
using InferBench.Cost;
using InferBench.Reports.Columns;
using InferBench.Reports.Compare;
using InferBench.Results;
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

    public string Export(RunResult run)
    {
        var pricing = new RunPricing(run.Cost);
        var columns = ReportTable.For(run);
        var md = new StringBuilder();
        md.Append($"# {Text(ReportSetup.Title(run))}\n\n");
        if (RunCompleteness.PartialReason(run) is { } partial)
            md.Append($"> **Partial:** {Text(partial)}.\n\n");
        if (run.Drift is { LargerThanNoise: true } drifted)
            md.Append($"> **Drift:** {Text(DriftTable.Summary(run, drifted))}\n\n");
        md.Append($"{ReportSetup.Timing(run)}\n\n");
        AppendFacts(md, ReportSetup.Facts(run));
        md.Append("\n## Cost and energy assumptions\n\n");
        AppendFacts(md, ReportSetup.CostAssumptions(run, pricing));
        md.Append('\n');
        foreach (var model in run.Results.GroupBy(result => result.Model))
        {
            md.Append($"## {Text(model.Key)}\n\n");
            foreach (var sentence in ModelTakeaways.For(ReportTable.FirstRound(model), pricing))
                md.Append($"**What this means:** {Text(sentence)}\n\n");
            md.Append("| " + string.Join(" | ", columns.Select(column => column.Title)) + " |\n")
                .Append('|').Append(string.Concat(columns.Select(column => column.Numeric ? "---:|" : "---|"))).Append('\n');
            foreach (var result in ReportTable.Ordered(model))
            {
                var row = new PricedRow(result, pricing.For(result));
                md.Append("| " + string.Join(" | ", columns.Select(column => Text(column.Text(row)))) + " |\n");
            }
            md.Append('\n');
            if (GpuStateFacts.For(model) is { Count: > 0 } gpuStates)
            {
                md.Append($"### {GpuStateFacts.Heading}\n\n");
                AppendFacts(md, gpuStates);
                md.Append('\n');
            }
        }
        if (run.Drift is { } drift)
            AppendDrift(md, run, drift);
        md.Append(ReportSetup.Definitions).Append('\n');
        return md.ToString();
    }

    private static void AppendDrift(StringBuilder md, RunResult run, RoundDrift drift)
    {
        md.Append($"## Drift between rounds\n\n{Text(DriftTable.Summary(run, drift))}\n\n");
        if (drift.Differences.Count == 0)
            return;
        md.Append("| " + string.Join(" | ", DriftTable.Columns.Select(column => column.Title)) + " |\n")
            .Append('|').Append(string.Concat(DriftTable.Columns.Select(column => column.Numeric ? "---:|" : "---|"))).Append('\n');
        foreach (var difference in drift.Differences)
            md.Append("| " + string.Join(" | ", DriftTable.Columns.Select(column => Text(column.Text(difference)))) + " |\n");
        md.Append('\n');
    }

    private static void AppendFacts(StringBuilder md, IEnumerable<ReportFact> facts)
    {
        foreach (var fact in facts)
            md.Append($"- **{Text(fact.Label)}:** {(fact.IsCode ? Code(fact.Text) : Text(fact.Text))}\n");
    }
}
