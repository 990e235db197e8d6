using InferBench.Results;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Merge;

/// <summary>
/// What of a run's plan and software changes the figures measured at a plan point (beyond the point itself): runs that
/// differ in one of these are flagged as not comparable with the others on it. The point's batch, prompt and gen tokens
/// are not among them: rows are only ever compared at the same point.
/// </summary>
public static class RunSetupFacts
{
    /// <summary>Each fact's name and its value for <paramref name="run"/>, in a fixed order.</summary>
    public static IReadOnlyList<(string Name, string Value)> Of(RunResult run)
    {
        var plan = run.Plan;
        var options = plan.ProviderOptions is { Count: > 0 } given
            ? string.Join(", ", given.Select(option => $"{option.Key}={option.Value}").Order(StringComparer.Ordinal))
            : "none";
        return
        [
            ("prompt", plan.PromptText is null ? $"random tokens, seed {Integer(plan.Seed)}" : $"the text \"{plan.PromptText}\""),
            ("intra-op threads", plan.IntraOpThreads is { } threads ? Integer(threads) : "ONNX Runtime's choice"),
            ("provider options", options),
            ("warmup repetitions", Integer(plan.WarmupRepetitions)),
            ("InferBench", run.Software.InferBench),
            ("ONNX Runtime GenAI", run.Software.OnnxRuntimeGenAI),
            ("ONNX Runtime", run.Software.OnnxRuntime),
        ];
    }

    /// <summary>
    /// Per run, the facts in which it differs from most of <paramref name="runs"/> (the most common value of each fact;
    /// on a tie, the value of the run that started first, so the flag does not depend on the order the folders are found in),
    /// worded for a flag.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Differences(IReadOnlyList<RunResult> runs)
    {
        var facts = runs.Select(Of).ToList();
        var names = facts.FirstOrDefault()?.Select(fact => fact.Name).ToList() ?? [];
        var usual = names.Select((_, i) => facts.Select((run, r) => (run[i].Value, runs[r].StartedUtc))
                .GroupBy(fact => fact.Value, StringComparer.Ordinal)
                .OrderByDescending(group => group.Count())
                .ThenBy(group => group.Min(fact => fact.StartedUtc))
                .First().Key)
            .ToList();
        return [.. facts.Select(run => (IReadOnlyList<string>)[.. run.Select((fact, i) => (fact, i))
            .Where(pair => pair.fact.Value != usual[pair.i])
            .Select(pair => $"{pair.fact.Name} {pair.fact.Value} (most runs: {usual[pair.i]})")])];
    }
}
