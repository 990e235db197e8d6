using System.Globalization;
using InferBench.Results;

namespace InferBench.Merge;

/// <summary>
/// The one set of latency targets every merged entry's best point is judged against, so machines are judged by the same
/// rule: <c>merge --slo</c>'s, else the set most merged runs ran with (<see cref="MostRuns"/>: on a tie, that of the run
/// that started first). A run whose own targets differ is flagged: its rows' verdicts and a <c>--batch auto</c> sweep's
/// stop followed them.
/// </summary>
/// <param name="Targets">The targets; empty: none, so the best point is the fastest ok row at any batch.</param>
/// <param name="Source">Where they come from: <see cref="GivenSource"/> or <see cref="MostRunsSource"/>.</param>
public sealed record MergeLatencyTargets(IReadOnlyList<LatencyTarget> Targets, string Source)
{
    /// <summary>The targets were given to the merge.</summary>
    public static string GivenSource { get; } = $"{CommandOptions.MergeSlo.Command} {CommandOptions.MergeSlo}";

    /// <summary>The targets are the set most merged runs ran with.</summary>
    public const string MostRunsSource = "most runs";

    /// <param name="runs">The merged runs.</param>
    /// <param name="given">merge --slo's targets; null: the set most of <paramref name="runs"/> ran with.</param>
    public static MergeLatencyTargets Of(IReadOnlyList<RunResult> runs, IReadOnlyList<LatencyTarget>? given)
    {
        if (given is not null || runs.Count == 0)
            return new(given ?? [], given is null ? MostRunsSource : GivenSource);
        var usual = MostRuns.Value(runs.Select(run => (Key(TargetsOf(run)), run.StartedUtc)));
        return new(TargetsOf(runs.First(run => Key(TargetsOf(run)) == usual)), MostRunsSource);
    }

    /// <summary>How a run whose own targets differ from these is flagged; null when they are the same (in any order).</summary>
    public string? Difference(RunResult run) =>
        Key(TargetsOf(run)) == Key(Targets) ? null : $"latency targets {Describe(TargetsOf(run))} ({Source}: {Describe(Targets)})";

    /// <summary>Such as "itl-p99 ≤ 30 ms, ttft ≤ 1000 ms", or "none".</summary>
    public static string Describe(IReadOnlyList<LatencyTarget> targets) => targets.Count == 0 ? "none" : string.Join(", ", targets);

    private static IReadOnlyList<LatencyTarget> TargetsOf(RunResult run) => run.Plan.LatencyTargets ?? [];

    /// <summary>The targets exactly (every digit of each limit), in metric order, so equal sets compare equal whatever their order.</summary>
    private static string Key(IReadOnlyList<LatencyTarget> targets) => string.Join(",", targets.OrderBy(target => target.Metric)
        .Select(target => $"{JsonEnumName.Of(target.Metric)}={target.LimitMilliseconds.ToString("R", CultureInfo.InvariantCulture)}"));
}
