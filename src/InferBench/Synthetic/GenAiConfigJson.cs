using System.Text.Json.Nodes;

namespace InferBench.Synthetic;

/// <summary>The genai_config.json GenAI's model builder writes for a Llama-architecture decoder with GroupQueryAttention.</summary>
internal static class GenAiConfigJson
{
    // Llama 2's ids; the model has no tokenizer, so they only matter to generation's stopping and padding rules.
    private const int BosTokenId = 1;
    private const int EosTokenId = 2;

    public static JsonObject Create(SyntheticModelConfig config, string decoderFileName) =>
        Create("llama", config.HiddenSize, config.Layers, config.AttentionHeads, config.KeyValueHeads, config.HeadSize, config.VocabSize,
            config.ContextLength, BosTokenId, EosTokenId, EosTokenId, decoderFileName);

    /// <param name="modelType">GenAI's model.type: the builder's architecture name before "For", lower case (llama, mistral, qwen2, phi3).</param>
    /// <param name="eosTokenIds">One id, or a JSON array of them.</param>
    public static JsonObject Create(string modelType, int hiddenSize, int layers, int attentionHeads, int keyValueHeads, int headSize,
        int vocabSize, int contextLength, int bosTokenId, JsonNode eosTokenIds, int padTokenId, string decoderFileName) => new()
    {
        ["model"] = new JsonObject
        {
            ["bos_token_id"] = bosTokenId,
            ["context_length"] = contextLength,
            ["decoder"] = new JsonObject
            {
                ["session_options"] = new JsonObject
                {
                    ["log_id"] = "onnxruntime-genai",
                    ["provider_options"] = new JsonArray(),
                },
                ["filename"] = decoderFileName,
                ["head_size"] = headSize,
                ["hidden_size"] = hiddenSize,
                ["inputs"] = new JsonObject
                {
                    ["input_ids"] = DecoderIoNames.InputIds,
                    ["attention_mask"] = DecoderIoNames.AttentionMask,
                    ["past_key_names"] = DecoderIoNames.PastKeyPattern,
                    ["past_value_names"] = DecoderIoNames.PastValuePattern,
                },
                ["outputs"] = new JsonObject
                {
                    ["logits"] = DecoderIoNames.Logits,
                    ["present_key_names"] = DecoderIoNames.PresentKeyPattern,
                    ["present_value_names"] = DecoderIoNames.PresentValuePattern,
                },
                ["num_attention_heads"] = attentionHeads,
                ["num_hidden_layers"] = layers,
                ["num_key_value_heads"] = keyValueHeads,
            },
            ["eos_token_id"] = eosTokenIds,
            ["pad_token_id"] = padTokenId,
            ["type"] = modelType,
            ["vocab_size"] = vocabSize,
        },
        ["search"] = new JsonObject
        {
            ["diversity_penalty"] = 0.0,
            ["do_sample"] = false,
            ["early_stopping"] = true,
            ["length_penalty"] = 1.0,
            ["max_length"] = contextLength,
            ["min_length"] = 0,
            ["no_repeat_ngram_size"] = 0,
            ["num_beams"] = 1,
            ["num_return_sequences"] = 1,
            // GroupQueryAttention writes the new keys and values into the past buffers GenAI sizes for max_length.
            ["past_present_share_buffer"] = true,
            ["repetition_penalty"] = 1.0,
            ["temperature"] = 1.0,
            ["top_k"] = 50,
            ["top_p"] = 1.0,
        },
    };
}
