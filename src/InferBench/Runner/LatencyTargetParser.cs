using System.Globalization;
using InferBench.Results;

namespace InferBench.Runner;

/// <summary>
/// Parses latency targets (<c>--slo</c>) such as <c>ttft=1s,itl-p99=50ms</c>: a metric (<c>ttft</c>, <c>itl</c>, <c>e2e</c>, each
/// the median, or with <c>-p90</c> / <c>-p99</c>), <c>=</c>, and a limit with its unit (<c>us</c>, <c>ms</c> or <c>s</c>).
/// </summary>
public static class LatencyTargetParser
{
    /// <summary>The plan field errors name (a front end says it with its own option name).</summary>
    public const string Field = nameof(RunPlanRecord.LatencyTargets);

    private const string Example = "such as ttft=1s or itl-p99=50ms";

    private static readonly (string Suffix, double Milliseconds)[] Units = [("us", 0.001), ("ms", 1), ("s", 1000)];

    /// <param name="arguments">Comma-separated targets, one or more per argument.</param>
    /// <exception cref="InputFieldException">A target is not metric=limit, names an unknown metric, has no unit, repeats a metric,
    /// or its limit is not a number above 0 (at most a day).</exception>
    public static IReadOnlyList<LatencyTarget> Parse(IReadOnlyList<string> arguments)
    {
        var targets = new List<LatencyTarget>();
        foreach (var text in arguments.SelectMany(a => a.Split(',', StringSplitOptions.TrimEntries)))
        {
            // ",,," or a trailing comma is a typo, not "no targets": a run without targets is one without the option.
            if (text.Length == 0)
                throw new InputFieldException([Field], $"expected comma-separated targets, {Example}, got an empty one in \"{string.Join(",", arguments)}\"");
            var target = ParseOne(text);
            if (targets.Any(earlier => earlier.Metric == target.Metric))
                throw new InputFieldException([Field], $"{JsonEnumName.Of(target.Metric)} is given twice; give each target once");
            targets.Add(target);
        }
        return targets;
    }

    private static LatencyTarget ParseOne(string text)
    {
        var parts = text.Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[0].Length == 0)
            throw new InputFieldException([Field], $"expected metric=limit, {Example}, got \"{text}\"");
        if (JsonEnumName.Find<LatencyMetric>(parts[0].ToLowerInvariant()) is not { } metric)
            throw new InputFieldException([Field], $"expected a metric among {string.Join(", ", JsonEnumName.All<LatencyMetric>())}, got \"{parts[0]}\"");
        var unit = Units.FirstOrDefault(u => parts[1].EndsWith(u.Suffix, StringComparison.OrdinalIgnoreCase)
                                             && double.TryParse(parts[1][..^u.Suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        if (unit.Suffix is null)
            throw new InputFieldException([Field], $"{parts[0]}: expected a number with a unit (us, ms or s), {Example}, got \"{parts[1]}\"");
        var value = double.Parse(parts[1][..^unit.Suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture) * unit.Milliseconds;
        if (!RunPlanPoints.LatencyTargetMilliseconds.Accepts(value))
            throw new InputFieldException([Field], $"{parts[0]}: expected a limit above 0 and at most 1 day (86400 s), got \"{parts[1]}\"");
        return new LatencyTarget(metric, value);
    }
}
