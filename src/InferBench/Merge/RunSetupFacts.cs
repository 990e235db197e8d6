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

    /// <summary>Per run, the facts in which it differs from most of <paramref name="runs"/> (<see cref="MostRuns"/>), worded for a flag.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Differences(IReadOnlyList<RunResult> runs) => MostRuns.Differences(runs, Of);
}
