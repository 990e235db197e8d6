using System.Text.Json.Nodes;
using InferBench.Import;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Import;

/// <summary>
/// Writes a synthetic model's weights as a Hugging Face checkpoint of a given architecture: the layout the importer reads,
/// made from weights whose reference forward pass (<see cref="Support.ReferenceLlama"/>) is known.
/// </summary>
/// <param name="ModelType">llama, mistral, qwen2 (with <see cref="QkvBias"/>) or phi3 (fused qkv_proj and gate_up_proj).</param>
/// <param name="Shards">1: model.safetensors; more: model-0000i-of-0000n.safetensors and model.safetensors.index.json.</param>
public sealed record SyntheticCheckpoint(SyntheticWeights Weights, string ModelType = "llama", SafetensorsDType DType = SafetensorsDType.F32, int Shards = 1)
{
    /// <summary>Packed q/k/v bias of a layer (Qwen2), [q heads, then k heads, then v heads] × head size.</summary>
    public Func<int, float[]>? QkvBias { get; init; }

    /// <summary>Tensors written after the model's own.</summary>
    public IReadOnlyList<SafetensorsTestFile.Tensor> ExtraTensors { get; init; } = [];

    /// <summary>Changes to config.json after it is made.</summary>
    public Action<JsonObject>? EditConfig { get; init; }

    public static float[] RandomBias(int layer, int length)
    {
        var random = new Random(1000 + layer);
        return [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5))];
    }

    public void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var tensors = Tensors().Concat(ExtraTensors).ToList();
        if (Shards == 1)
            SafetensorsTestFile.Write(Path.Combine(folder, CheckpointWeights.SingleFileName), tensors);
        else
        {
            var weightMap = new JsonObject();
            var perShard = (tensors.Count + Shards - 1) / Shards;
            for (var shard = 0; shard < Shards; shard++)
            {
                var file = $"model-{shard + 1:D5}-of-{Shards:D5}.safetensors";
                var part = tensors.Skip(shard * perShard).Take(perShard).ToList();
                SafetensorsTestFile.Write(Path.Combine(folder, file), part);
                foreach (var tensor in part)
                    weightMap[tensor.Name] = file;
            }
            File.WriteAllText(Path.Combine(folder, CheckpointWeights.IndexFileName),
                new JsonObject { ["metadata"] = new JsonObject { ["total_size"] = 0 }, ["weight_map"] = weightMap }.ToJsonString());
        }
        var config = Config();
        EditConfig?.Invoke(config);
        File.WriteAllText(Path.Combine(folder, CheckpointConfig.FileName), config.ToJsonString());
    }

    public JsonObject Config()
    {
        var c = Weights.Config;
        return new JsonObject
        {
            ["architectures"] = new JsonArray(ModelType switch { "qwen2" => "Qwen2ForCausalLM", "phi3" => "Phi3ForCausalLM", "mistral" => "MistralForCausalLM", _ => "LlamaForCausalLM" }),
            ["model_type"] = ModelType,
            ["hidden_size"] = c.HiddenSize,
            ["num_hidden_layers"] = c.Layers,
            ["num_attention_heads"] = c.AttentionHeads,
            ["num_key_value_heads"] = c.KeyValueHeads,
            ["intermediate_size"] = c.IntermediateSize,
            ["vocab_size"] = c.VocabSize,
            ["max_position_embeddings"] = c.ContextLength,
            ["rms_norm_eps"] = c.RmsNormEpsilon,
            ["rope_theta"] = c.RopeTheta,
            ["tie_word_embeddings"] = c.Layout?.TiedEmbeddings == true,
            ["hidden_act"] = "silu",
            ["bos_token_id"] = 1,
            ["eos_token_id"] = 2,
            ["torch_dtype"] = "float32",
        };
    }

    private IEnumerable<SafetensorsTestFile.Tensor> Tensors()
    {
        var c = Weights.Config;
        var (q, kv) = (c.AttentionHeads * c.HeadSize, c.KeyValueHeads * c.HeadSize);
        yield return Tensor("model.embed_tokens.weight", [c.VocabSize, c.HiddenSize], Weights.Values(LlamaTensorNames.Embedding));
        for (var layer = 0; layer < c.Layers; layer++)
        {
            var prefix = $"model.layers.{layer}";
            yield return Tensor($"{prefix}.input_layernorm.weight", [c.HiddenSize], Weights.Values(LlamaTensorNames.InputNorm(layer)));
            var qkv = ReferenceLlama.Transpose(Weights.Values(LlamaTensorNames.QkvProjection(layer)), c.HiddenSize, c.QkvSize);
            if (ModelType == "phi3")
                yield return Tensor($"{prefix}.self_attn.qkv_proj.weight", [c.QkvSize, c.HiddenSize], qkv);
            else
            {
                yield return Tensor($"{prefix}.self_attn.q_proj.weight", [q, c.HiddenSize], qkv[..(q * c.HiddenSize)]);
                yield return Tensor($"{prefix}.self_attn.k_proj.weight", [kv, c.HiddenSize], qkv[(q * c.HiddenSize)..((q + kv) * c.HiddenSize)]);
                yield return Tensor($"{prefix}.self_attn.v_proj.weight", [kv, c.HiddenSize], qkv[((q + kv) * c.HiddenSize)..]);
            }
            if (QkvBias?.Invoke(layer) is { } bias)
            {
                yield return Tensor($"{prefix}.self_attn.q_proj.bias", [q], bias[..q]);
                yield return Tensor($"{prefix}.self_attn.k_proj.bias", [kv], bias[q..(q + kv)]);
                yield return Tensor($"{prefix}.self_attn.v_proj.bias", [kv], bias[(q + kv)..]);
            }
            yield return Tensor($"{prefix}.self_attn.o_proj.weight", [c.HiddenSize, q], ReferenceLlama.Transpose(Weights.Values(LlamaTensorNames.OutputProjection(layer)), q, c.HiddenSize));
            yield return Tensor($"{prefix}.post_attention_layernorm.weight", [c.HiddenSize], Weights.Values(LlamaTensorNames.PostAttentionNorm(layer)));
            var gate = ReferenceLlama.Transpose(Weights.Values(LlamaTensorNames.GateProjection(layer)), c.HiddenSize, c.IntermediateSize);
            var up = ReferenceLlama.Transpose(Weights.Values(LlamaTensorNames.UpProjection(layer)), c.HiddenSize, c.IntermediateSize);
            if (ModelType == "phi3")
                yield return Tensor($"{prefix}.mlp.gate_up_proj.weight", [2 * c.IntermediateSize, c.HiddenSize], [.. gate, .. up]);
            else
            {
                yield return Tensor($"{prefix}.mlp.gate_proj.weight", [c.IntermediateSize, c.HiddenSize], gate);
                yield return Tensor($"{prefix}.mlp.up_proj.weight", [c.IntermediateSize, c.HiddenSize], up);
            }
            yield return Tensor($"{prefix}.mlp.down_proj.weight", [c.HiddenSize, c.IntermediateSize], ReferenceLlama.Transpose(Weights.Values(LlamaTensorNames.DownProjection(layer)), c.IntermediateSize, c.HiddenSize));
        }
        yield return Tensor("model.norm.weight", [c.HiddenSize], Weights.Values(LlamaTensorNames.FinalNorm(c.Layers)));
        if (c.Layout?.TiedEmbeddings != true)
            yield return Tensor("lm_head.weight", [c.VocabSize, c.HiddenSize], ReferenceLlama.Transpose(Weights.Values(LlamaTensorNames.LmHead), c.HiddenSize, c.VocabSize));
    }

    private SafetensorsTestFile.Tensor Tensor(string name, long[] shape, float[] values) => new(name, DType, shape, values);
}
