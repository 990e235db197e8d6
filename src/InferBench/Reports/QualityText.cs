using InferBench.Cost.Sheets;
using InferBench.Results;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Reports;

/// <summary>A row's quality in words, as the report table, the charts and the takeaways say it.</summary>
internal static class QualityText
{
    /// <summary>"+4.1%", "−0.2%", "0%": the change of perplexity against the reference, signed.</summary>
    public static string Change(double percent) => percent > 0 ? $"+{Of(percent)}%" : percent < 0 ? $"−{Of(-percent)}%" : "0%";

    /// <summary>
    /// "ppl 12.8 (+4.1%), top-1 97.2%" on text; "top-1 98.6% (random tokens)" otherwise; the unavailable reason; null
    /// where quality was not measured.
    /// </summary>
    public static string? Summary(ScenarioResult row)
    {
        var top1 = row.Fidelity is { } fidelity ? $"top-1 {CostFormat.Percent(fidelity.Top1Agreement)}" : null;
        return row.Quality switch
        {
            { UnavailableReason: { } reason } => reason,
            { Method: QualityMethod.Text or QualityMethod.LlamaCpp, Perplexity: { } perplexity } quality =>
                $"ppl {Of(perplexity)}" + (row.Variant == quality.Reference ? " (reference)" : $" ({Change(quality.PerplexityChangePercent!.Value)})")
                + (top1 is null ? "" : $", {top1}"),
            { Method: QualityMethod.RandomTokens } => top1 is null ? null : $"{top1} (random tokens)",
            _ => top1,
        };
    }

    /// <summary>
    /// How the text was cut for scoring: "512 tokens, stride 256" (sliding windows), "chunks of 512 tokens, second half
    /// scored, BOS at each chunk" (llama.cpp); null where no window was run (random tokens, quality unavailable).
    /// </summary>
    public static string? Window(ScenarioQuality quality) => quality.WindowTokens is not { } window
        ? null
        : quality.Method == QualityMethod.LlamaCpp
            ? $"chunks of {Integer(window)} tokens, second half scored, {(quality.BosTokenId is null ? "no BOS" : "BOS at each chunk")}"
            : $"{Integer(window)} tokens, stride {Integer(quality.StrideTokens ?? window)}";
}
