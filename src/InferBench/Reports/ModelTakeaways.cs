using InferBench.Cost.Model;
using InferBench.Cost.Runs;
using InferBench.Cost.Sheets;
using InferBench.Results;
using static InferBench.Reports.ReportCell;
using static InferBench.Results.ReadableNumber;

namespace InferBench.Reports;

/// <summary>
/// "What this means" for one model, in sentences computed from its rows: each variant against the model's reference
/// variant (fp32, else fp16, on the same EP) at batch 1 in speed, cost, energy and fidelity, and what batching buys the reference.
/// </summary>
internal static class ModelTakeaways
{
    private static readonly string[] ReferencePrecisions = ["fp32", "fp16"];

    public static IReadOnlyList<string> For(IReadOnlyList<ScenarioResult> modelRows, RunPricing pricing)
    {
        var measured = modelRows.Where(row => Throughput.Of(row) is not null).ToList();
        var sentences = new List<string>();
        foreach (var ep in measured.GroupBy(row => row.ExecutionProvider))
        {
            var reference = ReferenceVariant(ep.ToList());
            var batchOne = ep.Where(row => row.BatchSize == 1).ToList();
            foreach (var variant in batchOne.Where(row => row.Variant != reference).Select(row => row.Variant).Distinct())
            {
                var pair = batchOne.Where(row => row.Variant == variant)
                    .Select(row => (Row: row, Reference: batchOne.FirstOrDefault(r => r.Variant == reference && SameWorkload(r, row))))
                    .FirstOrDefault(pair => pair.Reference is not null);
                if (pair.Reference is not null)
                    sentences.Add(Versus(pair.Row, pair.Reference, pricing));
            }
            if (Batching(ep.Where(row => row.Variant == (reference ?? ep.First().Variant)).ToList(), pricing) is { } batching)
                sentences.Add(batching);
        }
        // One sentence per distinct reason: "Quality unavailable: the evaluation text ... is not downloaded ...".
        foreach (var reason in measured.Select(row => row.Quality?.UnavailableReason).OfType<string>().Distinct())
            sentences.Add($"{char.ToUpperInvariant(reason[0])}{reason[1..]} (speed figures unaffected).");
        return sentences;
    }

    private static string? ReferenceVariant(IReadOnlyList<ScenarioResult> rows) =>
        ReferencePrecisions.Select(precision => rows.FirstOrDefault(row => string.Equals(row.Precision, precision, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault(row => row is not null)?.Variant;

    private static string Versus(ScenarioResult row, ScenarioResult reference, RunPricing pricing)
    {
        var ratio = Decode(row) / Decode(reference);
        var speed = ratio >= 1 ? $"{Number(ratio)}x faster than" : $"{Number(1 / ratio)}x slower than";
        var clauses = new List<string>
        {
            $"{Named(row)} decodes {speed} {Named(reference)} at batch 1 on {row.ExecutionProvider} here " +
            $"(prompt {Integer(row.PromptTokens)}, gen {Integer(row.GenTokens)}: {Number(Decode(row))} vs {Number(Decode(reference))} tok/s, " +
            $"medians of {Integer(Repetitions(row))} and {Integer(Repetitions(reference))} repetitions)",
        };
        AddCostAndEnergy(clauses, pricing.For(row), pricing.For(reference));
        if (row.Quality is { PerplexityChangePercent: { } change, Perplexity: { } perplexity, ReferencePerplexity: { } referencePerplexity } quality
            && quality.Reference == reference.Variant)
            clauses.Add($"{(change >= 0 ? "raises" : "lowers")} perplexity by {Number(Math.Abs(change))}% " +
                $"({Number(perplexity)} vs {Number(referencePerplexity)} on {Integer(quality.ScoredTokens ?? 0)} tokens of text)");
        if (row.Fidelity is { } fidelity && fidelity.Reference == reference.Variant)
            clauses.Add($"picks the same next token as {reference.Variant} at {CostFormat.Percent(fidelity.Top1Agreement)} of " +
                $"{Integer(fidelity.Positions)} positions (mean KL {Number(fidelity.MeanKlDivergenceNats)} nats)");
        return Sentence(clauses);
    }

    /// <summary>The variant's largest measured batch against batch 1 at the same prompt and gen tokens.</summary>
    private static string? Batching(IReadOnlyList<ScenarioResult> rows, RunPricing pricing)
    {
        var one = rows.FirstOrDefault(row => row.BatchSize == 1);
        var largest = one is null ? null : rows.Where(row => SameWorkload(row, one)).MaxBy(row => row.BatchSize);
        if (one is null || largest is null || largest.BatchSize == 1)
            return null;
        var clauses = new List<string>
        {
            $"{one.Variant} at batch {Integer(largest.BatchSize)} decodes {Number(Decode(largest) / Decode(one))}x the tokens/s " +
            $"of batch 1 ({Number(Decode(largest))} vs {Number(Decode(one))} tok/s)",
        };
        AddCostAndEnergy(clauses, pricing.For(largest), pricing.For(one));
        return Sentence(clauses);
    }

    /// <summary>"a and b", "a, b and c".</summary>
    private static string Sentence(List<string> clauses) =>
        (clauses.Count == 1 ? clauses[0] : string.Join(", ", clauses[..^1]) + " and " + clauses[^1]) + ".";

    private static void AddCostAndEnergy(List<string> clauses, RowCost cost, RowCost baseline)
    {
        if (cost.HardwarePerMillionGeneratedTokens is { } price && baseline.HardwarePerMillionGeneratedTokens is { } basePrice)
            clauses.Add($"costs {Change(price.Value, basePrice.Value)} per 1M generated tokens ({Usd(price)} vs {Usd(basePrice)})");
        if (cost.Energy is { } energy && baseline.Energy is { } baseEnergy)
        {
            var estimate = new[] { cost.EnergySource, baseline.EnergySource }.FirstOrDefault(EnergyLabel.IsEstimate);
            clauses.Add($"uses {Change(energy.PerToken.Value, baseEnergy.PerToken.Value)} energy per token " +
                $"({Number(energy.PerToken.Value)} vs {Number(baseEnergy.PerToken.Value)} J/token{(estimate is null ? "" : $", {estimate}: an estimate")})");
        }
    }

    private static string Change(double value, double baseline)
    {
        var change = value / baseline - 1;
        return change < 0 ? $"{CostFormat.Percent(-change)} less" : change > 0 ? $"{CostFormat.Percent(change)} more" : "the same";
    }

    /// <summary>"cpu-int4 (int4)"; just "int4" when the variant is named for its precision.</summary>
    private static string Named(ScenarioResult row) => row.Variant == row.Precision ? row.Variant : $"{row.Variant} ({row.Precision})";

    private static bool SameWorkload(ScenarioResult a, ScenarioResult b) => a.PromptTokens == b.PromptTokens && a.GenTokens == b.GenTokens;

    private static double Decode(ScenarioResult row) => row.Metrics!.DecodeTokensPerSecond.Median;

    private static int Repetitions(ScenarioResult row) => row.Metrics!.DecodeTokensPerSecond.Count;
}
