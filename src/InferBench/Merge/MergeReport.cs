using System.Globalization;
using InferBench.Reports;
using InferBench.Reports.Document;
using static InferBench.Reports.ReportCell;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Merge;

/// <summary>
/// What the merged report.md and report.html say: the machines and each run folder, then per model the comparison across
/// machines (with a chart in HTML), then each merged run's serving points under load (<see cref="ServingSection"/>, named
/// with its machine), then what could not be merged.
/// </summary>
internal static class MergeReport
{
    private static string Definitions { get; } =
        "One row per model x variant x machine x workload (prompt and gen tokens), from one run: where several runs on a machine " +
        "measured the same, the figures are one run's, never pooled (the notes name the others). Batch 1: the row at batch 1. " +
        $"Best: {MergedEntry.BestPointRule}. Decode tok/s is the median over the measured repetitions ± the half-width of the 95% " +
        "interval of the median (distribution-free, its larger side; shown from 6 repetitions). J/token is gross (prefill and idle included), from the energy source named; " +
        "estimated-* sources are estimates, marked (est.). $/1M gen tokens = the machine's price per hour / (median decode tok/s " +
        $"× 3600 × the run's utilisation) × 1e6, at {CommandOptions.MachinePrice}'s price where given, else the run's own. Top-1 agreement, KL and " +
        "perplexity change are the variant's drift from the reference variant named under Quality against, on the tokens its method " +
        "names (text: the evaluation text in sliding windows; llama.cpp: the evaluation text in llama.cpp's chunks; random-tokens: " +
        "seeded random tokens), as its run measured it. A run whose plan, software " +
        "or latency targets differ from most runs' (from the merge's targets), or whose quality of a model rests on another method, " +
        "reference, text, token count or window than most runs', is flagged not comparable on that; copies of a run and superseded " +
        "runs of a campaign shard are left out. " +
        "Every row of every merged run is in results.csv; definitions: results/README.md.";

    public static ReportDocument For(RunMerge merge, DateTimeOffset mergedUtc)
    {
        List<ReportSection> sections =
        [
            new("Machines", [new FactsBlock([.. Machines(merge)])]),
            new("Runs", [new FactsBlock([.. Inputs(merge)]), .. merge.Entries.Count == 0 ? [new ParagraphBlock(NoEntries)] : Array.Empty<ReportBlock>()]),
            .. merge.Entries.GroupBy(entry => entry.Model).Select(model => new ReportSection(model.Key,
            [
                new ChartsBlock(MergeChart.For([.. model], merge.Machines) is { } chart ? [chart] : []),
                TableBlock.Of(MergedColumns.Comparison, model),
                .. Quality(merge, model.Key) is { } quality ? [new ParagraphBlock(quality)] : Array.Empty<ReportBlock>(),
            ], Enclosed: true)),
            .. merge.Inputs.Where(input => input.Status == MergeInputStatus.Merged)
                .SelectMany(input => ServingSection.For(input.Run!, input.Pricing!, $"{input.Machine} (run {input.RunId})")),
        ];
        if (merge.Problems.Count > 0)
            sections.Add(new("Not merged", [new FactsBlock([.. Problems(merge)])]));
        return new ReportDocument(Title(merge), [new ParagraphBlock(Timing(mergedUtc)), new ParagraphBlock(Targets(merge.LatencyTargets))], sections,
            Definitions);
    }

    private static string Title(RunMerge merge) =>
        $"InferBench merge: {Counted(merge.MergedRunCount, "run")} from {Counted(merge.Machines.Count, "machine")}";

    private static string Timing(DateTimeOffset mergedUtc) =>
        string.Create(CultureInfo.InvariantCulture, $"Merged {mergedUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.");

    private static string Targets(MergeLatencyTargets targets) =>
        $"Every entry's best point is judged against the same latency targets: {MergeLatencyTargets.Describe(targets.Targets)} (" +
        (targets.Source == MergeLatencyTargets.MostRunsSource
            ? "the set most merged runs ran with; on a tie, that of the run that started first, then of the one found first"
            : $"given by {targets.Source}") + "). Runs that ran with other targets are flagged.";

    /// <summary>What most runs' quality figures of <paramref name="model"/> rest on; null when no run measured its quality.</summary>
    private static string? Quality(RunMerge merge, string model)
    {
        var facts = QualityFacts.Usual([.. merge.Inputs.Where(input => input.Status == MergeInputStatus.Merged).Select(input => input.Run!)], model);
        return facts.Count == 0
            ? null
            : $"Top-1 agreement, KL and perplexity change of {model} as most runs measured them: " +
              $"{string.Join("; ", facts.Select(fact => $"{fact.Name} {fact.Value}"))}. Entries measured otherwise are flagged.";
    }

    private static IEnumerable<ReportFact> Machines(RunMerge merge) => merge.Machines.Select(machine => new ReportFact(machine.Label,
        machine.Description + (machine.PriceUsdPerHour is { } price ? $"; priced at {Usd(price)}/h ({machine.PriceSource})" : "; priced by each run's own cost assumptions")));

    private static IEnumerable<ReportFact> Inputs(RunMerge merge) => merge.Inputs.Select(input => new ReportFact(input.Folder,
        input.Status switch
        {
            MergeInputStatus.Merged => $"merged: run {input.RunId} on {input.Machine}, {JsonEnumName.Of(input.State!.Value)}" +
                (input.Flags.Count > 0 ? $"; {string.Join("; ", input.Flags)}" : ""),
            MergeInputStatus.Unreadable => "not merged: unreadable",
            _ => $"not merged, {JsonEnumName.Of(input.Status)}: {input.Reason}",
        }));

    private static IEnumerable<ReportFact> Problems(RunMerge merge) => merge.Problems.Select(problem => new ReportFact(problem.Folder, problem.Problem));

    private const string NoEntries = "No run could be merged, so there is nothing to compare.";
}
