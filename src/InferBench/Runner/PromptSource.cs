using InferBench.Engines;
using InferBench.Models;
using InferBench.Results;

namespace InferBench.Runner;

/// <summary>
/// The prompt tokens for each plan point: seeded random ids below the vocabulary size, or the run's
/// --prompt-text tokenized by the model's own tokenizer (then every point uses its length).
/// </summary>
public sealed class PromptSource
{
    private readonly int _seed;
    private readonly int _vocabSize;
    private readonly int[]? _textTokens;

    private PromptSource(int seed, int vocabSize, int[]? textTokens, string? unsupportedReason)
    {
        _seed = seed;
        _vocabSize = vocabSize;
        _textTokens = textTokens;
        UnsupportedReason = unsupportedReason;
    }

    /// <summary>Set when the text prompt cannot be fed to this model.</summary>
    public string? UnsupportedReason { get; }

    public int? FixedPromptTokens => _textTokens?.Length;

    public static PromptSource Create(RunPlanRecord plan, IEngineModel model, GenAiModelInfo info)
    {
        if (plan.PromptText is null)
            return new PromptSource(plan.Seed, info.VocabSize, null, null);

        var missing = GenAiModelFolder.MissingTokenizerFile(info.FolderPath);
        if (missing is not null)
            return new PromptSource(plan.Seed, info.VocabSize, null,
                $"the prompt text cannot be tokenized: the model folder has no tokenizer ({missing} is missing); use random-token prompts");

        int[] tokens;
        try
        {
            tokens = model.Tokenize(plan.PromptText);
        }
        catch (EngineException e)
        {
            return new PromptSource(plan.Seed, info.VocabSize, null,
                $"the prompt text cannot be tokenized: the model's tokenizer cannot be used ({e.Message.Split('\n')[0].Trim()}); use random-token prompts");
        }
        var outside = tokens.Where(id => id < 0 || id >= info.VocabSize).Select(id => (int?)id).FirstOrDefault();
        var reason = outside is { } id
            ? $"the prompt text cannot be used: the tokenizer produced token id {id}, outside the model's vocabulary (vocab_size {info.VocabSize}); " +
              "the tokenizer does not match the model, so use random-token prompts"
            : tokens.Length == 0 ? "the prompt text cannot be used: the tokenizer produced no tokens" : null;
        return new PromptSource(plan.Seed, info.VocabSize, tokens, reason);
    }

    public int[] For(PlanPoint point) => _textTokens is null
        ? PromptFactory.RandomTokens(_seed, point, _vocabSize)
        : PromptFactory.Repeat(_textTokens, point.BatchSize);
}
