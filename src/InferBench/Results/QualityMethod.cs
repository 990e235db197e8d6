using System.Text.Json.Serialization;

namespace InferBench.Results;

/// <summary>How a row's quality was measured (docs/methods.md: Quality of each rung).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QualityMethod>))]
public enum QualityMethod
{
    /// <summary>Teacher-forced on the evaluation text, tokenized by the model's tokenizer: perplexity, and drift from the reference on the same tokens.</summary>
    [JsonStringEnumMemberName("text")] Text,
    /// <summary>A model without a tokenizer (a synthetic one): drift from the reference on seeded random tokens; no perplexity.</summary>
    [JsonStringEnumMemberName("random-tokens")] RandomTokens,
    /// <summary>
    /// Teacher-forced on the evaluation text as llama.cpp's <c>llama-perplexity</c> scores it: non-overlapping chunks of
    /// the window's tokens, the first token of each replaced by BOS where the tokenizer adds one, the second half of each
    /// chunk scored; figures can be set beside published llama.cpp tables.
    /// </summary>
    [JsonStringEnumMemberName("llama.cpp")] LlamaCpp,
}
