using System.Globalization;
using System.Text;

namespace InferBench.Forecast;

/// <summary>The leave-one-out table docs/forecast.md shows: each point, then the mean absolute percentage error overall, by engine family and by precision.</summary>
public static class LeaveOneOutReport
{
    public static string Markdown(IReadOnlyList<LeaveOneOutResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| point | engine family | precision | GPU class | left out with it | forecast from | measured decode tok/s | forecast decode tok/s | error |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
            text.AppendLine(Invariant($"| {r.Id} | {r.EngineFamily} | {r.Precision} | {r.GpuClass} | {r.SiblingsLeftOut} | {r.PeerGroup} ({r.Peers}) | {r.MeasuredDecodeTokensPerSecond:0.#} | {r.ForecastDecodeTokensPerSecond:0.#} | {Percent(r.AbsoluteRelativeError)} |"));
        text.AppendLine();
        text.AppendLine("| group | points | MAPE, decode tok/s |");
        text.AppendLine("|---|---|---|");
        Row(text, "all", results);
        Row(text, "sharing engine family and GPU class with another source's point", results.Where(r => r.HasFamilyClassPeer).ToList());
        foreach (var family in results.GroupBy(r => r.EngineFamily).OrderBy(g => g.Key, StringComparer.Ordinal))
            Row(text, $"engine family {family.Key}", family.ToList());
        foreach (var precision in results.GroupBy(r => r.Precision).OrderBy(g => g.Key, StringComparer.Ordinal))
            Row(text, $"precision {precision.Key}", precision.ToList());
        return text.ToString();
    }

    private static void Row(StringBuilder text, string group, IReadOnlyList<LeaveOneOutResult> results) =>
        text.AppendLine(Invariant($"| {group} | {results.Count} | {(results.Count == 0 ? "–" : Percent(LeaveOneOut.MeanAbsolutePercentageError(results)))} |"));

    private static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
