using System.Text.Json.Serialization;
using InferBench.Cost.Runs;
using InferBench.Results;

namespace InferBench.Merge;

/// <summary>One run folder the merge found, what it did with it, and the flags its rows carry.</summary>
/// <param name="Folder">The run folder's full path.</param>
/// <param name="RunId">The run id; null when run.json could not be read.</param>
/// <param name="Machine">The label of the machine it ran on (<see cref="MergedMachine.Label"/>); null unless merged.</param>
/// <param name="State">run.json's state (complete, cancelled, in-progress, incomplete); null when unreadable.</param>
/// <param name="Flags">Caveats on a merged run's figures: partial, no ok rows, a plan or software that differs from most runs.</param>
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

    /// <summary>A flag that says the run's plan or software differs from most runs', so it is not comparable on that.</summary>
    public const string NotComparablePrefix = "not comparable: ";

    /// <summary>True when the run differs from most runs in a fact that changes its figures.</summary>
    [JsonIgnore] public bool Comparable => !Flags.Any(flag => flag.StartsWith(NotComparablePrefix, StringComparison.Ordinal));
}
