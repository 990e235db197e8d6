using InferBench.Engines.GenAi;
using InferBench.Models;
using InferBench.Results;
using InferBench.Synthetic;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Tests.Support;

/// <summary>
/// The stand-in model's perplexity on a text computed without InferBench's quality code: the text tokenized by the
/// model's tokenizer, logits from the plain C# forward pass (<see cref="ReferenceLlama"/>, double precision), and the
/// windows written out here from their definition in Fidelity/README.md.
/// </summary>
public static class IndependentPerplexity
{
    public static double Of(string fp32Folder, string text, int maxScored, int window, int stride)
    {
        var tokens = Tokenize(fp32Folder, text);
        var end = Math.Min(maxScored + 1, tokens.Length);
        var forward = new ReferenceLlama(new SyntheticWeights(TextQualityModel.Config));
        // Windows start every stride tokens; each scores the targets after the previous window's last token, each from
        // the logits of the token before it.
        var (nll, scored, scoredUpTo) = (0.0, 0, 1);
        for (var start = 0; scoredUpTo < end; start += stride)
        {
            var stop = Math.Min(start + window, end);
            var logits = forward.Logits(tokens[start..stop]);
            for (var target = scoredUpTo; target < stop; target++, scored++)
            {
                var row = logits[target - start - 1];
                var max = row.Max();
                nll += max + Math.Log(row.Sum(logit => Math.Exp(logit - max))) - row[tokens[target]];
            }
            scoredUpTo = stop;
        }
        Assert.Equal(end - 1, scored);
        return Math.Exp(nll / scored);
    }

    /// <summary>
    /// llama.cpp's perplexity written out from its loop: chunks of <paramref name="chunk"/> tokens, the first of each
    /// replaced by <paramref name="bos"/> where given; positions chunk/2 .. chunk − 2 score the next token; as many chunks as
    /// <paramref name="minScored"/> needs.
    /// </summary>
    public static double OfChunks(string fp32Folder, string text, int minScored, int chunk, int? bos)
    {
        var tokens = Tokenize(fp32Folder, text);
        var first = chunk / 2;
        var perChunk = chunk - 1 - first;
        var chunks = Math.Min((minScored + perChunk - 1) / perChunk, tokens.Length / chunk);
        var forward = new ReferenceLlama(new SyntheticWeights(TextQualityModel.Config));
        var (nll, scored) = (0.0, 0);
        for (var i = 0; i < chunks; i++)
        {
            var input = tokens[(i * chunk)..((i + 1) * chunk)];
            input[0] = bos ?? input[0];
            var logits = forward.Logits(input);
            for (var j = first; j < chunk - 1; j++, scored++)
            {
                var row = logits[j];
                var max = row.Max();
                nll += max + Math.Log(row.Sum(logit => Math.Exp(logit - max))) - row[tokens[i * chunk + j + 1]];
            }
        }
        return Math.Exp(nll / scored);
    }

    public static int[] Tokenize(string folder, string text)
    {
        using var loaded = GenAiModelLoader.Load(folder, ExecutionProvider.Cpu, intraOpThreads: 1);
        using var tokenizer = new Tokenizer(loaded);
        using var sequences = tokenizer.Encode(text);
        return sequences[0].ToArray();
    }
}
