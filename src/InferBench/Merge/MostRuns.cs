using InferBench.Results;

namespace InferBench.Merge;

/// <summary>
/// The value of a fact that most merged runs share, which the others are flagged against: the most common value; on a
/// tie, the value of the run that started first (then of the one found first), so the choice does not depend on the
/// order the folders are found in.
/// </summary>
internal static class MostRuns
{
    /// <param name="values">Each run's value of the fact, with when the run started, in the order found.</param>
    public static string Value(IEnumerable<(string Value, DateTimeOffset StartedUtc)> values) => values
        .GroupBy(fact => fact.Value, StringComparer.Ordinal)
        .OrderByDescending(group => group.Count())
        .ThenBy(group => group.Min(fact => fact.StartedUtc))
        .First().Key;

    /// <summary>Each fact's name and the value most of <paramref name="runs"/> have (none without runs).</summary>
    /// <param name="facts">Each fact's name and its value for a run, the same names in the same order for every run.</param>
    public static IReadOnlyList<(string Name, string Value)> Values(IReadOnlyList<RunResult> runs, Func<RunResult, IReadOnlyList<(string Name, string Value)>> facts)
    {
        var values = runs.Select(facts).ToList();
        var names = values.FirstOrDefault()?.Select(fact => fact.Name).ToList() ?? [];
        return [.. names.Select((name, i) => (name, Value(values.Select((run, r) => (run[i].Value, runs[r].StartedUtc)))))];
    }

    /// <summary>
    /// Per run, the facts in which it differs from most of <paramref name="runs"/>, worded for a flag:
    /// "&lt;fact&gt; &lt;value&gt; (most runs: &lt;value&gt;)".
    /// </summary>
    /// <param name="facts">Each fact's name and its value for a run, the same names in the same order for every run.</param>
    public static IReadOnlyList<IReadOnlyList<string>> Differences(IReadOnlyList<RunResult> runs, Func<RunResult, IReadOnlyList<(string Name, string Value)>> facts)
    {
        var usual = Values(runs, facts);
        return [.. runs.Select(run => (IReadOnlyList<string>)[.. facts(run).Zip(usual)
            .Where(pair => pair.First.Value != pair.Second.Value)
            .Select(pair => $"{pair.First.Name} {pair.First.Value} (most runs: {pair.Second.Value})")])];
    }
}
