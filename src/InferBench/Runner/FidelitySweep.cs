using InferBench.Engines;
using InferBench.Fidelity;
using InferBench.Models;
using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Runner;

/// <summary>
/// After the speed sweep, measures each model's quality and attaches it to its measured rows. A model with a tokenizer
/// is measured on the evaluation text (<see cref="QualityMethod.Text"/>, or llama.cpp's chunks with --quality-method
/// llama.cpp, <see cref="QualityMethod.LlamaCpp"/>): every rung's perplexity, and each rung's drift from the
/// highest-precision rung on the same tokens. A model without one (a synthetic model) keeps the drift on
/// seeded random tokens from its fp32 (else fp16) rung (<see cref="QualityMethod.RandomTokens"/>). Quality that cannot
/// be measured leaves the rows' speed figures as they are, with the reason.
/// </summary>
public static class FidelitySweep
{
    private static readonly Precision[] TextReferenceOrder = [Precision.Fp32, Precision.Fp16, Precision.Int8, Precision.Int4];

    /// <param name="engine">The engine the rows were measured with; the quality's logits come from it too.</param>
    /// <param name="loadText">The evaluation text, read on first use; throws <see cref="QualityUnavailableException"/> when there is none.</param>
    /// <returns>The rows with quality attached, and the text measured on (null when no model was measured on text).</returns>
    public static (IReadOnlyList<ScenarioResult> Rows, EvaluationTextRecord? Text) Attach(
        IReadOnlyList<ScenarioResult> rows, IReadOnlyList<BenchmarkTarget> targets, RunPlanRecord plan, IInferenceEngine engine, Func<EvaluationText> loadText,
        Action<string> log, CancellationToken cancellation)
    {
        var measured = targets.Where(t => rows.Any(r => Same(r, t) && r.Status == ResultStatus.Ok)).ToArray();
        EvaluationText? text = null;
        string? textUnavailable = null;
        EvaluationTextRecord? used = null;
        foreach (var model in measured.GroupBy(t => t.Model))
        {
            if (cancellation.IsCancellationRequested)
                break;
            if (!model.Any(HasTokenizer))
            {
                rows = AttachRandomTokenDrift(rows, model.ToArray(), plan, engine, log, cancellation);
                continue;
            }
            if (text is null && textUnavailable is null)
            {
                try
                {
                    text = loadText();
                }
                catch (QualityUnavailableException e)
                {
                    textUnavailable = e.Message;
                }
            }
            if (text is null)
            {
                rows = Unavailable(rows, model, TextMethod(plan), textUnavailable!);
                continue;
            }
            (rows, var measuredOnText) = AttachTextQuality(rows, model.ToArray(), plan, engine, text, log, cancellation);
            if (measuredOnText)
                used = new EvaluationTextRecord(text.Name, text.Source, text.Revision, text.Path, text.Sha256, text.Licence, text.Text.Length);
        }
        return (rows, used);
    }

    private static (IReadOnlyList<ScenarioResult> Rows, bool Measured) AttachTextQuality(
        IReadOnlyList<ScenarioResult> rows, IReadOnlyList<BenchmarkTarget> model, RunPlanRecord plan, IInferenceEngine engine, EvaluationText text,
        Action<string> log, CancellationToken cancellation)
    {
        var reference = TextReferenceOrder.Select(precision => model.FirstOrDefault(t => t.Precision == JsonEnumName.Of(precision)))
            .FirstOrDefault(t => t is not null) ?? model[0];
        var variants = model.Where(t => t != reference).ToArray();
        var method = TextMethod(plan);
        var options = new TextQualityOptions(plan.QualityTokens ?? TextQualityOptions.DefaultMaxScoredTokens, IntraOpThreads: plan.IntraOpThreads, Method: method);
        log($"quality: {reference.Model} on {text.Name}{(method == QualityMethod.LlamaCpp ? " in llama.cpp's chunks" : "")}, up to {options.MaxScoredTokens} tokens: " +
            (variants.Length == 0 ? $"{reference.Variant}'s perplexity" : $"{string.Join(", ", variants.Select(t => t.Variant))} against {reference.Variant}"));
        TextQualityResult result;
        try
        {
            result = TextQualityMeter.Measure(engine,
                (reference.FolderPath, RanOn(rows, reference)), [.. variants.Select(v => (v.FolderPath, RanOn(rows, v)))], text.Text, options, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return (rows, false);
        }
        catch (Exception e) when (e is QualityUnavailableException or FidelityException or ModelFolderException or EngineException)
        {
            return (Unavailable(rows, model, method, e.Message.Split('\n')[0].Trim()), false);
        }

        var quality = new ScenarioQuality(result.Method, Reference: reference.Variant, ScoredTokens: result.ScoredTokens, WindowTokens: result.WindowTokens,
            StrideTokens: result.StrideTokens, BosTokenId: result.BosTokenId);
        rows = Update(rows, reference, row => row with { Quality = Likelihood(quality, result.Reference) });
        foreach (var (variant, measured) in variants.Zip(result.Variants))
        {
            rows = measured.Failure is { } failure
                ? Update(rows, variant, row => row with
                {
                    Quality = quality with
                    {
                        ReferencePerplexity = result.Reference.Perplexity, ReferencePerplexityStandardError = result.Reference.PerplexityStandardError,
                        UnavailableReason = $"quality unavailable: {failure}",
                    },
                })
                : Update(rows, variant, row => row with
                {
                    Quality = Likelihood(quality, measured.Likelihood!),
                    Fidelity = FidelityOf(reference.Variant, measured.Fidelity!),
                });
        }
        return (rows, true);
    }

    /// <summary>The text method the plan asks for: <see cref="QualityMethod.Text"/> unless it names llama.cpp's.</summary>
    private static QualityMethod TextMethod(RunPlanRecord plan) => plan.QualityMethod ?? QualityMethod.Text;

    private static ScenarioQuality Likelihood(ScenarioQuality quality, PerplexityComparison likelihood) => quality with
    {
        Perplexity = likelihood.Perplexity,
        PerplexityStandardError = likelihood.PerplexityStandardError,
        ReferencePerplexity = likelihood.ReferencePerplexity,
        ReferencePerplexityStandardError = likelihood.ReferencePerplexityStandardError,
        LnPerplexityRatio = likelihood.LnRatio,
        LnPerplexityRatioStandardError = likelihood.LnRatioStandardError,
        PerplexityRatio = likelihood.Ratio,
        PerplexityRatioStandardError = likelihood.RatioStandardError,
        LnPerplexityCorrelation = likelihood.Correlation,
    };

    private static IReadOnlyList<ScenarioResult> AttachRandomTokenDrift(
        IReadOnlyList<ScenarioResult> rows, IReadOnlyList<BenchmarkTarget> model, RunPlanRecord plan, IInferenceEngine engine, Action<string> log,
        CancellationToken cancellation)
    {
        var reference = model.FirstOrDefault(t => t.Precision == JsonEnumName.Of(Precision.Fp32)) ?? model.FirstOrDefault(t => t.Precision == JsonEnumName.Of(Precision.Fp16));
        if (reference is null)
            return rows;
        var method = new ScenarioQuality(QualityMethod.RandomTokens, Reference: reference.Variant);
        rows = Update(rows, reference, row => row with { Quality = method });
        foreach (var variant in model.Where(t => t != reference))
        {
            if (cancellation.IsCancellationRequested)
                return rows;
            log($"fidelity: {variant.Model}/{variant.Variant} against {reference.Variant}");
            // Both models run on the provider the variant was measured on (--ep auto resolves per variant).
            var options = new FidelityOptions(ExecutionProvider: RanOn(rows, variant), IntraOpThreads: plan.IntraOpThreads);
            try
            {
                var result = FidelityMeter.Measure(engine, reference.FolderPath, variant.FolderPath, options, cancellation);
                rows = Update(rows, variant, row => row with { Fidelity = FidelityOf(reference.Variant, result), Quality = method });
            }
            catch (Exception e) when (e is FidelityException or ModelFolderException or EngineException)
            {
                var note = $"fidelity not measured: {e.Message.Split('\n')[0].Trim()}";
                rows = Update(rows, variant, row => row with { Reason = row.Reason is null ? note : $"{row.Reason}; {note}", Quality = method });
            }
        }
        return rows;
    }

    private static ScenarioFidelity FidelityOf(string reference, FidelityResult result) =>
        new(reference, result.MeanKlDivergenceNats, result.P99KlDivergenceNats, result.Top1Agreement, result.MeanGreedyLogProbDeltaNats, result.Positions,
            result.KlDivergenceNats, result.Top1AgreementStandardError, result.TokenProbabilityDelta, result.TokenProbabilityDeltaRms?.Value,
            result.TokenProbabilityDeltaRms?.StandardError);

    private static IReadOnlyList<ScenarioResult> Unavailable(IReadOnlyList<ScenarioResult> rows, IEnumerable<BenchmarkTarget> model, QualityMethod method, string reason)
    {
        var quality = new ScenarioQuality(method, UnavailableReason: $"quality unavailable: {reason}");
        foreach (var target in model)
            rows = Update(rows, target, row => row with { Quality = quality });
        return rows;
    }

    private static bool HasTokenizer(BenchmarkTarget target) => GenAiModelFolder.MissingTokenizerFile(target.FolderPath) is null;

    private static ExecutionProvider RanOn(IReadOnlyList<ScenarioResult> rows, BenchmarkTarget target)
    {
        var ranOn = rows.First(r => Same(r, target) && r.Status == ResultStatus.Ok).ExecutionProvider;
        return JsonEnumName.Find<ExecutionProvider>(ranOn)
            ?? throw new InvalidOperationException($"a measured row of {target.Model}/{target.Variant} ran on {ranOn}, which InferBench does not run");
    }

    private static IReadOnlyList<ScenarioResult> Update(
        IReadOnlyList<ScenarioResult> rows, BenchmarkTarget variant, Func<ScenarioResult, ScenarioResult> change) =>
        rows.Select(row => Same(row, variant) && row.Status == ResultStatus.Ok ? change(row) : row).ToArray();

    private static bool Same(ScenarioResult row, BenchmarkTarget target) => row.Model == target.Model && row.Variant == target.Variant;
}
