using InferBench.Cost.Runs;
using InferBench.Forecast;
using InferBench.Reports.Columns;
using InferBench.Reports.Compare;
using InferBench.Reports.Document;
using InferBench.Results;

namespace InferBench.Reports;

/// <summary>
/// What report.md and report.html say about a run: its setup and cost assumptions, then per model its best operating
/// points, a "what this means" line, charts and a table with its variants and plan points side by side (and, where the run
/// has them, its quality statistics: <see cref="QualityTable"/>), then its serving
/// points under load (<see cref="ServingSection"/>), the forecasts and the drift between rounds.
/// </summary>
public static class RunReport
{
    /// <param name="forecast">The run folder's forecast.json, shown in a section of its own.</param>
    public static ReportDocument For(RunResult run, SavedForecast? forecast)
    {
        var pricing = new RunPricing(run.Cost);
        var driftSummary = run.Drift is { } drift ? DriftTable.Summary(run, drift) : null;
        List<ReportBlock> lead = [];
        if (RunCompleteness.PartialReason(run) is { } partial)
            lead.Add(new NoteBlock(NoteKind.Warning, "Partial", partial + "."));
        if (run.Drift is { LargerThanNoise: true })
            lead.Add(new NoteBlock(NoteKind.Warning, "Drift", driftSummary!));
        lead.AddRange([new ParagraphBlock(ReportSetup.Timing(run)), new FactsBlock(ReportSetup.Facts(run))]);
        List<ReportSection> sections =
        [
            new("Cost and energy assumptions", [new FactsBlock(ReportSetup.CostAssumptions(run, pricing))]),
            .. run.Results.GroupBy(result => result.Model).Select(model => Model(run, model.Key, [.. model], pricing)),
            .. ServingSection.For(run, pricing),
        ];
        if (forecast is { Rows.Count: > 0 })
            sections.Add(Forecast(forecast));
        if (run.Drift is { } roundDrift)
            sections.Add(Drift(driftSummary!, roundDrift));
        return new ReportDocument(ReportSetup.Title(run), lead, sections, ReportSetup.Definitions);
    }

    private static ReportSection Model(RunResult run, string model, List<ScenarioResult> rows, RunPricing pricing)
    {
        var firstRound = ReportTable.FirstRound(rows);
        var choices = OperatingPoints.Apply(run) ? OperatingPoints.For(run, rows, pricing) : [];
        List<ReportBlock> blocks = [];
        if (choices.Count > 0)
        {
            var targets = run.Plan.LatencyTargets;
            var variants = choices.Select(choice => (choice.Variant, choice.ExecutionProvider)).Distinct().ToList();
            blocks.AddRange(
            [
                new SubheadingBlock(OperatingPoints.Heading),
                new ListBlock([.. choices.Select(choice => OperatingPoints.Sentence(choice, targets is { Count: > 0 }))]),
                new ChartsBlock([.. choices.Select(choice => OperatingPoints.Chart(choice, targets, variants.IndexOf((choice.Variant, choice.ExecutionProvider))))]),
                TableBlock.Of(OperatingPoints.Columns, choices.SelectMany(choice => choice.Points)),
            ]);
        }
        blocks.AddRange(ModelTakeaways.For(firstRound, pricing).Select(sentence => new NoteBlock(NoteKind.Takeaway, "What this means", sentence)));
        if (choices.Count > 0)
            blocks.Add(new SubheadingBlock("All rows"));
        blocks.Add(new ChartsBlock(ReportCharts.For(firstRound, pricing)));
        blocks.Add(TableBlock.Of(ReportTable.For(run), ReportTable.Ordered(rows).Select(result => new PricedRow(result, pricing.For(result)))));
        blocks.AddRange(QualityTable.For(firstRound));
        if (GpuStateFacts.For(rows) is { Count: > 0 } gpuStates)
            blocks.AddRange([new SubheadingBlock(GpuStateFacts.Heading), new FactsBlock(gpuStates)]);
        return new ReportSection(model, blocks, Enclosed: true);
    }

    private static ReportSection Forecast(SavedForecast forecast) => new(ForecastSection.Heading,
    [
        new ParagraphBlock(ForecastSection.Introduction(forecast)),
        TableBlock.Of(ForecastSection.Columns, forecast.Rows),
        new ListBlock(ForecastSection.Notes(forecast.Rows)),
    ], Enclosed: true, HtmlClass: "forecast");

    private static ReportSection Drift(string summary, RoundDrift drift) => new("Drift between rounds",
    [
        new ParagraphBlock(summary),
        .. drift.Differences.Count > 0 ? [TableBlock.Of(DriftTable.Columns, drift.Differences)] : Array.Empty<ReportBlock>(),
    ], Enclosed: true);
}
