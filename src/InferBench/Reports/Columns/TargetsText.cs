using InferBench.Results;

namespace InferBench.Reports.Columns;

/// <summary>A latency verdict as results.csv writes it: the limits (slo_targets) and the targets missed (slo_missed).</summary>
public static class TargetsText
{
    /// <summary>"ttft&lt;=1000ms itl-p99&lt;=20ms", in the order given.</summary>
    public static string Limits(TargetVerdict verdict) =>
        string.Join(' ', verdict.Readings.Select(r => $"{JsonEnumName.Of(r.Metric)}<={CsvNumber.Format(r.LimitMilliseconds)}ms"));

    /// <summary>"itl-p99=24.74ms", the one missed by the largest factor first.</summary>
    public static string Missed(TargetVerdict verdict) =>
        string.Join(' ', verdict.Missed.Select(r => $"{JsonEnumName.Of(r.Metric)}={CsvNumber.Format(r.MeasuredMilliseconds)}ms"));
}
