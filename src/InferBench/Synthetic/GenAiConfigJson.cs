using System.Text.Json.Nodes;

namespace InferBench.Synthetic;

/// <summary>The genai_config.json GenAI's model builder writes for a Llama with GroupQueryAttention on CPU.</summary>
internal static class GenAiConfigJson
{
    // Llama 2's ids; the model has no tokenizer, so they only matter to generation's stopping and padding rules.
    private const int BosTokenId = 1;
    private const int EosTokenId = 2;

    public static JsonObject Create(SyntheticModelConfig config, string decoderFileName) => new()
    {
        ["model"] = new JsonObject
        {
            ["bos_token_id"] = BosTokenId,
            ["context_length"] = config.ContextLength,
            ["decoder"] = new JsonObject
            {
                ["session_options"] = new JsonObject
                {
                    ["log_id"] = "onnxruntime-genai",
                    ["provider_options"] = new JsonArray(),
                },
                ["filename"] = decoderFileName,
                ["head_size"] = config.HeadSize,
                ["hidden_size"] = config.HiddenSize,
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
                ["num_attention_heads"] = config.AttentionHeads,
                ["num_hidden_layers"] = config.Layers,
                ["num_key_value_heads"] = config.KeyValueHeads,
            },
            ["eos_token_id"] = EosTokenId,
            ["pad_token_id"] = EosTokenId,
            ["type"] = "llama",
            ["vocab_size"] = config.VocabSize,
        },
        ["search"] = new JsonObject
        {
            ["diversity_penalty"] = 0.0,
            ["do_sample"] = false,
            ["early_stopping"] = true,
            ["length_penalty"] = 1.0,
            ["max_length"] = config.ContextLength,
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
