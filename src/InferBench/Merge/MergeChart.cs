using InferBench.Reports;
using InferBench.Reports.Charts;
using InferBench.Reports.Document;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Merge;

/// <summary>
/// A model's $ per 1M generated tokens against decode tok/s across machines (J/token where no machine has a price), one
/// mark per machine x variant at its best measured point, over the workload (prompt and gen tokens) that most of them measured.
/// </summary>
internal static class MergeChart
{
    public const string TokensTitle = "decode tok/s at the best point (median)";

    public static ReportFigure? For(IReadOnlyList<MergedEntry> modelEntries, IReadOnlyList<MergedMachine> machines)
    {
        var measured = modelEntries.Where(entry => entry.Best is not null).ToList();
        if (measured.Count == 0)
            return null;
        var workload = measured.GroupBy(entry => (entry.PromptTokens, entry.GenTokens)).OrderByDescending(group => group.Count()).First().Key;
        var atWorkload = measured.Where(entry => (entry.PromptTokens, entry.GenTokens) == workload).ToList();
        var priced = atWorkload.Any(entry => entry.Best!.UsdPerMillionGeneratedTokens is not null);
        Func<MergedPoint, double?> cost = priced ? point => point.UsdPerMillionGeneratedTokens : point => point.JoulesPerGeneratedToken;
        var estimated = !priced && atWorkload.Any(entry => EnergyLabel.IsEstimate(entry.Best!.EnergySource));
        var title = priced ? "$ per 1M generated tokens" : "J/token" + (estimated ? EnergyLabel.EstimateMark : "");
        var plotted = atWorkload.Where(entry => cost(entry.Best!) is not null).ToList();
        if (plotted.Count == 0)
            return null;
        var labels = machines.Select(machine => machine.Label).ToList();
        List<XySeries> series =
        [
            .. plotted.GroupBy(entry => entry.Machine).OrderBy(group => labels.IndexOf(group.Key)).Select(machine =>
                new XySeries(machine.Key, ChartPalette.Color(labels.IndexOf(machine.Key)), SeriesStyle.Markers,
                    [.. machine.Select(entry => new XyPoint(entry.Best!.DecodeTokensPerSecond.Median, cost(entry.Best)!.Value, entry.Variant))])),
        ];
        var left = atWorkload.Count - plotted.Count;
        var missing = left > 0 ? $" {Integer(left)} machine x variant mark(s) have no {(priced ? "price" : "energy figure")} and are not drawn." : "";
        var caption = $"{title} against decode tok/s, one mark per machine x variant at its best measured point ({MergedEntry.BestPointRule}), " +
            $"prompt {Integer(workload.PromptTokens)}, gen {Integer(workload.GenTokens)}: down and to the right is faster and cheaper." +
            (priced ? "" : $" No machine has a price (give {CommandOptions.MachinePrice}), so energy per token is shown instead.") + missing;
        return new ReportFigure(caption, new XyChart($"{title} against decode tok/s across machines", TokensTitle, title, series).ToSvg());
    }
}
