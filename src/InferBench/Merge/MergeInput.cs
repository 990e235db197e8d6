using System.Text.Json.Serialization;
using InferBench.Cost.Runs;
using InferBench.Results;

namespace InferBench.Merge;

/// <summary>One run folder the merge found, what it did with it, and the flags its rows carry.</summary>
/// <param name="Folder">The run folder's full path.</param>
/// <param name="RunId">The run id; null when run.json could not be read.</param>
/// <param name="Machine">The label of the machine it ran on (<see cref="MergedMachine.Label"/>); null unless merged.</param>
/// <param name="State">run.json's state (complete, cancelled, in-progress, incomplete); null when unreadable.</param>
/// <param name="Flags">Caveats on a merged run's figures: partial, no ok rows, a plan, software, latency targets or (for one model)
/// quality facts that differ from most runs'.</param>
/// <param name="Reason">Why it was not merged; null when merged.</param>
public sealed record MergeInput(
    string Folder,
    MergeInputStatus Status,
    string? RunId,
    string? Machine,
    RunState? State,
    IReadOnlyList<string> Flags,
    string? Reason)
{
    /// <summary>The run, when run.json was read.</summary>
    [JsonIgnore] public RunResult? Run { get; init; }

    /// <summary>Prices the run's rows: its own cost assumptions, or the machine's --price.</summary>
    [JsonIgnore] public RunPricing? Pricing { get; init; }

    /// <summary>The flags of <see cref="Flags"/> that concern one model's figures only (<see cref="QualityFacts"/>), with that model.</summary>
    [JsonIgnore] public IReadOnlyList<(string Model, string Flag)> ModelFlags { get; init; } = [];

    /// <summary>The flags that concern <paramref name="model"/>'s figures: all but other models' own.</summary>
    public IReadOnlyList<string> FlagsOf(string model) =>
        [.. Flags.Where(flag => !ModelFlags.Any(other => other.Flag == flag && other.Model != model))];

    /// <summary>A flag that says the run differs from most runs' (or from the merge's latency targets) in a fact that changes its figures.</summary>
    public const string NotComparablePrefix = "not comparable: ";

    /// <summary>True unless the run differs from most runs in a fact that changes <paramref name="model"/>'s figures.</summary>
    public bool IsComparableFor(string model) => !FlagsOf(model).Any(flag => flag.StartsWith(NotComparablePrefix, StringComparison.Ordinal));
}
