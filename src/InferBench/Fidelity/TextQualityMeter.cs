using System.Runtime.InteropServices;
using InferBench.Engines;
using InferBench.Models;
using InferBench.Results;
using InferBench.Statistics;

namespace InferBench.Fidelity;

/// <summary>
/// Perplexity on real text and each variant's drift from the model's reference variant on it, teacher-forced over
/// <see cref="PerplexityWindow"/>s: the text method's overlapping windows or llama.cpp's chunks. The text is tokenized
/// by the reference's tokenizer. The reference runs first and its scored rows of logits go, window by window, to a
/// temporary file (deleted on close); each variant then runs the same windows and reads the reference's rows back one window at a time, so memory holds one model and one window,
/// besides a few doubles per scored token (the reference's NLL; each variant's KL, Δp and NLL for their percentiles).
/// </summary>
public static class TextQualityMeter
{
    /// <summary>Characters tokenized per token wanted: far above any tokenizer's ~4 for English, so the prefix is never short.</summary>
    private const int PrefixCharactersPerToken = 32;

    /// <param name="reference">The reference variant's folder and the provider it runs on.</param>
    /// <param name="variants">The variants' folders and providers; a variant that cannot be run gets its <see cref="TextVariantQuality.Failure"/>.</param>
    /// <exception cref="QualityUnavailableException">No tokenizer, a token id outside the vocabulary, too little text or too short a context.</exception>
    /// <exception cref="ModelFolderException">The reference folder is not a GenAI model folder.</exception>
    /// <exception cref="FidelityException">The reference gave a logit that is not finite.</exception>
    /// <exception cref="EngineException">The engine could not load or run the reference, or gave other than the logits of every position.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between windows.</exception>
    public static TextQualityResult Measure(
        IInferenceEngine engine, (string Folder, ExecutionProvider Provider) reference, IReadOnlyList<(string Folder, ExecutionProvider Provider)> variants,
        string text, TextQualityOptions options, CancellationToken cancellation = default)
    {
        var info = GenAiModelFolder.Inspect(reference.Folder);
        var vocab = info.VocabSize;
        var (window, stride) = options.FitTo(info.ContextLength);
        if (window < (options.Method == QualityMethod.LlamaCpp ? 3 : 2))
            throw new QualityUnavailableException($"{reference.Folder}: a context of {info.ContextLength} tokens is too short to score text");

        using var referenceLogitsFile = new FileStream(Path.Combine(Path.GetTempPath(), $"inferbench-reference-logits-{Guid.NewGuid():N}.bin"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20, FileOptions.DeleteOnClose);
        int[] tokens;
        int? bos;
        IReadOnlyList<PerplexityWindow> windows;
        double[] referenceNlls;
        using (var model = new TeacherForcedLogits(engine, reference.Folder, vocab,
                   new FidelityOptions(ExecutionProvider: reference.Provider, IntraOpThreads: options.IntraOpThreads)))
        {
            (tokens, windows, bos) = Plan(model.Model, reference.Folder, info, text, options, window, stride);
            referenceNlls = new double[windows.Sum(w => w.ScoredTokens)];
            var done = 0;
            foreach (var w in windows)
            {
                cancellation.ThrowIfCancellationRequested();
                var logits = model.For(w.TokensOf(tokens));
                var scored = logits.AsSpan(w.RowOf(w.FirstScored) * vocab, w.ScoredTokens * vocab);
                referenceLogitsFile.Write(MemoryMarshal.AsBytes(scored));
                for (var target = w.FirstScored; target < w.Start + w.Length; target++)
                    referenceNlls[done++] = NegativeLogLikelihood(logits.AsSpan(w.RowOf(target) * vocab, vocab), tokens[target]);
            }
        }

        var results = new List<TextVariantQuality>(variants.Count);
        foreach (var variant in variants)
        {
            cancellation.ThrowIfCancellationRequested();
            referenceLogitsFile.Position = 0;
            try
            {
                results.Add(MeasureVariant(engine, variant, vocab, tokens, windows, referenceLogitsFile, referenceNlls, options, cancellation));
            }
            catch (Exception e) when (e is FidelityException or ModelFolderException or EngineException)
            {
                results.Add(new TextVariantQuality(variant.Folder, null, null, e.Message.Split('\n')[0].Trim()));
            }
        }
        return new TextQualityResult(TokenStatistics.ComparePerplexity(referenceNlls, referenceNlls), referenceNlls.Length, tokens.Length, window, stride,
            results, options.Method, bos);
    }

    private static TextVariantQuality MeasureVariant(
        IInferenceEngine engine, (string Folder, ExecutionProvider Provider) variant, int vocab, int[] tokens, IReadOnlyList<PerplexityWindow> windows,
        FileStream referenceLogits, double[] referenceNlls, TextQualityOptions options, CancellationToken cancellation)
    {
        var info = GenAiModelFolder.Inspect(variant.Folder);
        if (info.VocabSize != vocab)
            throw new FidelityException($"{variant.Folder} has a vocabulary of {info.VocabSize} tokens and the reference one of {vocab}: not variants of one model");
        if (windows.Max(w => w.Length) >= info.ContextLength)
            throw new FidelityException($"windows of {windows.Max(w => w.Length)} tokens do not fit its context of {info.ContextLength}");

        var scoredTokens = referenceNlls.Length;
        var kls = new double[scoredTokens];
        var agrees = new bool[scoredTokens];
        var greedyDeltas = new double[scoredTokens];
        var nlls = new double[scoredTokens];
        var probabilityDeltas = new double[scoredTokens];
        var referenceRows = new float[windows.Max(w => w.ScoredTokens) * vocab];
        var done = 0;
        using var model = new TeacherForcedLogits(engine, variant.Folder, vocab,
            new FidelityOptions(ExecutionProvider: variant.Provider, IntraOpThreads: options.IntraOpThreads));
        foreach (var w in windows)
        {
            cancellation.ThrowIfCancellationRequested();
            var logits = model.For(w.TokensOf(tokens));
            referenceLogits.ReadExactly(MemoryMarshal.AsBytes(referenceRows.AsSpan(0, w.ScoredTokens * vocab)));
            var offset = done;
            // Rows are independent and each result has its own slot, so the sums below add them in one fixed order.
            Parallel.For(0, w.ScoredTokens, row =>
            {
                var target = w.FirstScored + row;
                var mine = logits.AsSpan(w.RowOf(target) * vocab, vocab);
                var comparison = PositionComparison.Of(referenceRows.AsSpan(row * vocab, vocab), mine);
                var slot = offset + row;
                kls[slot] = comparison.KlDivergenceNats;
                agrees[slot] = comparison.Top1Agrees;
                greedyDeltas[slot] = comparison.GreedyLogProbDeltaNats;
                nlls[slot] = NegativeLogLikelihood(mine, tokens[target]);
                probabilityDeltas[slot] = Math.Exp(-nlls[slot]) - Math.Exp(-referenceNlls[slot]);
            });
            done += w.ScoredTokens;
        }

        return new TextVariantQuality(variant.Folder, TokenStatistics.ComparePerplexity(nlls, referenceNlls),
            FidelityResult.From(kls, agrees, greedyDeltas, probabilityDeltas), null);
    }

    /// <summary>The text's tokens as far as the method needs them, its windows or chunks, and the BOS each chunk begins with (llama.cpp's method, where the tokenizer adds one).</summary>
    private static (int[] Tokens, IReadOnlyList<PerplexityWindow> Windows, int? Bos) Plan(
        IEngineModel model, string folder, GenAiModelInfo info, string text, TextQualityOptions options, int window, int stride)
    {
        if (options.Method != QualityMethod.LlamaCpp)
        {
            var tokens = Tokenize(model, folder, text, options.MaxScoredTokens + 1, info.VocabSize);
            return (tokens, PerplexityWindow.Plan(tokens.Length, options.MaxScoredTokens, window, stride), null);
        }
        var chunkTokens = Tokenize(model, folder, text, (int)Math.Min(int.MaxValue, (long)PerplexityWindow.ChunksFor(options.MaxScoredTokens, window) * window), info.VocabSize);
        if (chunkTokens.Length < window)
            throw new QualityUnavailableException(
                $"the text makes {chunkTokens.Length} tokens; llama.cpp's method needs at least one chunk of {window} (the window, at most the context − 1)");
        // llama.cpp's add_bos: the tokenizer begins text with the model's BOS, so every chunk begins with it.
        int? bos = info.BosTokenId is { } id && chunkTokens[0] == id ? id : null;
        return (chunkTokens, PerplexityWindow.Chunks(chunkTokens.Length, options.MaxScoredTokens, window, bos), bos);
    }

    /// <summary>−log softmax(logits)[target], in double.</summary>
    public static double NegativeLogLikelihood(ReadOnlySpan<float> logits, int target) => PositionComparison.LogSumExp(logits) - logits[target];

    /// <summary>The text's first tokens by the model's own tokenizer: enough for <paramref name="tokensWanted"/>, all ids inside the vocabulary.</summary>
    private static int[] Tokenize(IEngineModel model, string folder, string text, int tokensWanted, int vocab)
    {
        if (GenAiModelFolder.MissingTokenizerFile(folder) is { } missing)
            throw new QualityUnavailableException($"the model folder has no tokenizer ({missing} is missing)");
        var prefix = (long)tokensWanted * PrefixCharactersPerToken < text.Length ? text[..(tokensWanted * PrefixCharactersPerToken)] : text;
        int[] tokens;
        try
        {
            tokens = model.Tokenize(prefix);
        }
        catch (EngineException e)
        {
            throw new QualityUnavailableException($"the model's tokenizer cannot be used ({e.Message.Split('\n')[0].Trim()})");
        }
        // A cut prefix may end inside a word: its last token is never kept.
        var usable = prefix.Length < text.Length ? tokens.Length - 1 : tokens.Length;
        tokens = tokens[..Math.Min(usable, tokensWanted)];
        var outside = Array.FindIndex(tokens, id => id < 0 || id >= vocab);
        if (outside >= 0)
            throw new QualityUnavailableException(
                $"the tokenizer produced token id {tokens[outside]}, outside the model's vocabulary (vocab_size {vocab}): the tokenizer does not match the model");
        if (tokens.Length < 2)
            throw new QualityUnavailableException($"the text makes {tokens.Length} token{(tokens.Length == 1 ? "" : "s")}; scoring needs at least 2");
        return tokens;
    }
}
