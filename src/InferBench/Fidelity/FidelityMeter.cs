using InferBench.Engines;
using InferBench.Models;

namespace InferBench.Fidelity;

/// <summary>
/// Compares a variant (int4, int8, fp16) with the reference it was made from (fp32, else fp16) on the same seeded
/// token sequences, teacher-forced: each whole sequence is appended once and every position's next-token distribution
/// is compared. The models are loaded one after the other, so memory holds one model and the reference's logits
/// (positions × vocabulary floats).
/// </summary>
public static class FidelityMeter
{
    /// <exception cref="ModelFolderException">A folder is not a GenAI model folder.</exception>
    /// <exception cref="FidelityException">The vocabularies differ, a sequence does not fit a context, or a model gave a logit that is not finite.</exception>
    /// <exception cref="EngineException">The engine could not load or run a model, or gave other than the logits of every position.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between sequences.</exception>
    public static FidelityResult Measure(IInferenceEngine engine, string referenceFolder, string variantFolder, FidelityOptions options, CancellationToken cancellation = default)
    {
        options.Validate();
        var reference = GenAiModelFolder.Inspect(referenceFolder);
        var variant = GenAiModelFolder.Inspect(variantFolder);
        if (reference.VocabSize != variant.VocabSize)
            throw new FidelityException(
                $"{variantFolder} has a vocabulary of {variant.VocabSize} tokens and {referenceFolder} one of {reference.VocabSize}: not variants of one model");
        var context = Math.Min(reference.ContextLength, variant.ContextLength);
        if (options.SequenceLengthTokens >= context)
            throw new FidelityException($"sequences of {options.SequenceLengthTokens} tokens do not fit a context of {context}; use fewer tokens");

        var vocab = reference.VocabSize;
        var sequences = TokenSequences.Create(options.Seed, options.Sequences, options.SequenceLengthTokens, vocab);
        var referenceLogits = new float[sequences.Length][];
        using (var model = new TeacherForcedLogits(engine, referenceFolder, vocab, options))
            for (var s = 0; s < sequences.Length; s++)
            {
                cancellation.ThrowIfCancellationRequested();
                referenceLogits[s] = model.For(sequences[s]);
            }

        var kls = new List<double>(options.Positions);
        var agrees = new List<bool>(options.Positions);
        var greedyDeltas = new List<double>(options.Positions);
        using (var model = new TeacherForcedLogits(engine, variantFolder, vocab, options))
            for (var s = 0; s < sequences.Length; s++)
            {
                cancellation.ThrowIfCancellationRequested();
                var variantLogits = model.For(sequences[s]);
                for (var position = 0; position < sequences[s].Length; position++)
                {
                    var row = new Range(position * vocab, (position + 1) * vocab);
                    var comparison = PositionComparison.Of(referenceLogits[s].AsSpan(row), variantLogits.AsSpan(row));
                    kls.Add(comparison.KlDivergenceNats);
                    agrees.Add(comparison.Top1Agrees);
                    greedyDeltas.Add(comparison.GreedyLogProbDeltaNats);
                }
            }
        // The sequences' next tokens are random: their probabilities would measure noise, so no Δp.
        return FidelityResult.From(kls, agrees, greedyDeltas, probabilityDeltas: null);
    }
}
