using InferBench.Cost.Runs;
using InferBench.Cost.Units;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Statistics;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Merge;

/// <summary>
/// The merged entries: per model x variant x machine x workload (prompt and gen tokens), batch 1 and the best measured
/// point of one run (<see cref="BestOperatingPoint"/> under the merge's one set of latency targets). Where several runs on
/// one machine measured the same, the figures are one run's, never pooled: the one with a measured row, comparable with
/// most runs, complete, then the newest; the others are named in its notes.
/// </summary>
internal static class MergedEntries
{
    private sealed record Key(string Model, string Variant, string Precision, string ExecutionProvider, string Machine, int PromptTokens, int GenTokens);

    public static IReadOnlyList<MergedEntry> Of(IReadOnlyList<MergeInput> merged, IReadOnlyList<MergedMachine> machines, MergeLatencyTargets targets)
    {
        var candidates = merged
            .SelectMany(input => ReportTable.FirstRound(input.Run!.Results).Select(row => (Input: input, Row: row)))
            .GroupBy(pair => new Key(pair.Row.Model, pair.Row.Variant, pair.Row.Precision, pair.Row.ExecutionProvider, pair.Input.Machine!,
                pair.Row.PromptTokens, pair.Row.GenTokens))
            .ToList();
        var models = candidates.Select(group => group.Key.Model).Distinct().ToList();
        var variants = candidates.Select(group => group.Key.Variant).Distinct().ToList();
        var machineOrder = machines.Select(machine => machine.Label).ToList();
        return
        [
            .. candidates
                .OrderBy(group => models.IndexOf(group.Key.Model)).ThenBy(group => variants.IndexOf(group.Key.Variant))
                .ThenBy(group => group.Key.Precision, StringComparer.Ordinal).ThenBy(group => group.Key.ExecutionProvider, StringComparer.Ordinal)
                .ThenBy(group => machineOrder.IndexOf(group.Key.Machine)).ThenBy(group => group.Key.PromptTokens).ThenBy(group => group.Key.GenTokens)
                .Select(group => Entry(group.Key, [.. group], machines.First(machine => machine.Label == group.Key.Machine), targets)),
        ];
    }

    private static MergedEntry Entry(Key key, List<(MergeInput Input, ScenarioResult Row)> rows, MergedMachine machine, MergeLatencyTargets targets)
    {
        var runs = rows.GroupBy(pair => pair.Input)
            .OrderByDescending(run => run.Any(pair => MergedPoint.IsMeasured(pair.Row)))
            .ThenByDescending(run => run.Key.IsComparableFor(key.Model))
            .ThenByDescending(run => run.Key.Run!.State == RunState.Complete)
            .ThenByDescending(run => run.Key.Run!.StartedUtc)
            .ToList();
        var input = runs[0].Key;
        List<ScenarioResult> chosen = [.. runs[0].Select(pair => pair.Row)];
        var pricing = input.Pricing!;
        var batchOne = chosen.FirstOrDefault(row => row.BatchSize == 1 && MergedPoint.IsMeasured(row));
        var choice = BestOperatingPoint.Choose(chosen, targets.Targets, pricing).FirstOrDefault();
        var best = choice?.Best?.Row;
        var flags = input.FlagsOf(key.Model).Where(flag => !flag.StartsWith("no ok rows", StringComparison.Ordinal)).ToList();
        if (!chosen.Any(MergedPoint.IsMeasured))
            flags.Add("no ok row: " + string.Join("; ", chosen.Select(row =>
                $"batch {Integer(row.BatchSize)} {JsonEnumName.Of(row.Status)}{(row.Reason is { } reason ? $": {reason}" : "")}")));
        else if (choice is { Best: null })
            flags.Add($"no batch meets the latency targets: batch {Integer(choice.Points[0].Row.BatchSize)} already misses " +
                string.Join(", ", choice.FirstMissed.Select(BatchDoublingRule.Describe)));
        List<string> notes = runs.Count > 1
            ? [$"also measured on this machine by {string.Join(", ", runs.Skip(1).Select(run => run.Key.RunId))}: not pooled, the figures are {input.RunId}'s"]
            : [];
        var quality = chosen.Select(row => row.Quality).FirstOrDefault(quality => quality is not null);
        var runPrice = input.Run!.Cost?.PriceUsdPerHour;
        (double? Usd, string? Source) price = machine.PriceUsdPerHour is { } given
            ? (given, machine.PriceSource)
            : (runPrice?.Value, runPrice is null ? null : $"the run's cost assumptions: {runPrice.Source}");
        return new MergedEntry(key.Model, key.Variant, key.Precision, key.ExecutionProvider, key.Machine, key.PromptTokens, key.GenTokens, input.RunId!,
            batchOne is null ? null : MergedPoint.Of(batchOne, pricing),
            best is null ? null : MergedPoint.Of(best, pricing),
            price.Usd, price.Source, chosen.Select(row => row.Fidelity).FirstOrDefault(fidelity => fidelity is not null),
            quality, quality is { UnavailableReason: null, Method: not QualityMethod.RandomTokens } ? input.Run.EvaluationText : null, flags, notes);
    }
}
