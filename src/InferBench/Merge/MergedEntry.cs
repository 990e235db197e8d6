using InferBench.Results;

namespace InferBench.Merge;

/// <summary>
/// One model x variant x machine at one workload (prompt and gen tokens): what a buyer compares across machines. Its
/// figures come from one run (<see cref="RunId"/>); other runs of the same on the same machine are named in the notes.
/// </summary>
/// <param name="BatchOne">Batch 1, when measured.</param>
/// <param name="Best">The best measured point (<see cref="BestPointRule"/>); null when no row was measured or none meets the merge's latency targets.</param>
/// <param name="PriceUsdPerHour">The machine's price the $/1M figures rest on, USD/h; null without one.</param>
/// <param name="PriceSource">Where the price comes from: the run's cost assumptions or the machine price the merge was given.</param>
/// <param name="Fidelity">The variant's drift from its reference variant, as the run measured it; null for the reference and where not measured.</param>
/// <param name="Quality">How the run measured the variant's quality (method, reference, tokens, window) and its perplexity; null where not measured.</param>
/// <param name="EvaluationText">The text that quality rests on (name, source, SHA-256); null unless measured on a text.</param>
/// <param name="Flags">The run's flags that concern the entry's model (partial, not comparable), "no ok row" with the reasons
/// when nothing was measured, and "no batch meets the latency targets" with what the smallest batch misses.</param>
/// <param name="Notes">Other runs that measured the same on this machine, not pooled.</param>
public sealed record MergedEntry(
    string Model,
    string Variant,
    string Precision,
    string ExecutionProvider,
    string Machine,
    int PromptTokens,
    int GenTokens,
    string RunId,
    MergedPoint? BatchOne,
    MergedPoint? Best,
    double? PriceUsdPerHour,
    string? PriceSource,
    ScenarioFidelity? Fidelity,
    ScenarioQuality? Quality,
    EvaluationTextRecord? EvaluationText,
    IReadOnlyList<string> Flags,
    IReadOnlyList<string> Notes)
{
    /// <summary>How much the variant raises perplexity over its reference's on the same tokens, in percent; null without perplexity.</summary>
    public double? PerplexityChangePercent => Quality?.PerplexityChangePercent;


    /// <summary>How <see cref="Best"/> is chosen (Cost's BestOperatingPoint), as the reports and merged.json state it.</summary>
    public static string BestPointRule { get; } = "the batch that meets the merge's latency targets (one set for every entry: " +
        $"{MergeLatencyTargets.GivenSource}, else the set most merged runs ran with) at the highest median decode tok/s; " +
        "without targets, the ok row with the highest median decode tok/s at any batch";
}
