using System.Globalization;
using InferBench.Results;

namespace InferBench.Cli.Progress;

/// <summary>One line per finished serving point, for <c>serve</c>'s progress and summary alike.</summary>
public static class ServingPointLine
{
    public static string Of(ServingPointResult point)
    {
        var where = $"  {point.Model}/{point.Variant} {point.Load}{(point.Load.Concurrency is null ? " offered" : "")}";
        if (point.Metrics is not { } m)
            return $"{where}: {JsonEnumName.Of(point.Status)}: {point.Reason}";
        var goodput = m.GoodputRequestsPerSecond is { } g ? string.Create(CultureInfo.InvariantCulture, $", goodput {g:F2} req/s") : "";
        return string.Create(CultureInfo.InvariantCulture,
                $"{where}: {m.RequestsPerSecond:F2} req/s, {m.OutputTokensPerSecond:F1} output tok/s, TTFT p50 {m.TimeToFirstTokenMilliseconds.Median:F1} ms{goodput}")
            + (m.Saturated ? $", saturated ({m.SaturationReason})" : "")
            + (point.Reason is null ? "" : $" [{point.Reason}]");
    }
}
