using InferBench.Synthetic;

namespace InferBench.Import;

/// <summary>
/// Which checkpoint tensors make each initializer of the builder's layout, checked before anything is written: every
/// tensor the layout needs is there with the shape config.json implies, and every checkpoint tensor is used.
/// </summary>
internal sealed class CheckpointTensorPlan
{
    private readonly CheckpointConfig _config;
    private readonly CheckpointWeights _weights;
    private readonly CancellationToken _cancellation;
    private readonly HashSet<string> _used = [];

    private CheckpointTensorPlan(CheckpointConfig config, CheckpointWeights weights, CancellationToken cancellation) =>
        (_config, _weights, _cancellation) = (config, weights, cancellation);

    /// <summary>Every initializer, in the order the external data file holds them.</summary>
    public IReadOnlyList<ImportedTensor> Tensors { get; private set; } = [];

    /// <summary>Whether the checkpoint has q/k/v biases (Qwen2), written as one packed Add.</summary>
    public bool QkvBias { get; private set; }

    /// <exception cref="InputException">A tensor is missing, has the wrong shape, or is one the layout has no place for.</exception>
    /// <param name="cancellation">Looked at while the rotary tables are computed, when they are written.</param>
    public static CheckpointTensorPlan Make(CheckpointConfig config, CheckpointWeights weights, CancellationToken cancellation)
    {
        var plan = new CheckpointTensorPlan(config, weights, cancellation);
        plan.Tensors = plan.Plan();
        plan.RequireAllUsed();
        return plan;
    }

    private List<ImportedTensor> Plan()
    {
        var c = _config;
        var (hidden, qSize, kvSize) = ((long)c.HiddenSize, (long)c.AttentionHeads * c.HeadSize, (long)c.KeyValueHeads * c.HeadSize);
        var tensors = new List<ImportedTensor>
        {
            Copied(LlamaTensorNames.Embedding, "model.embed_tokens.weight", c.VocabSize, hidden),
            ImportedTensor.Computed(LlamaTensorNames.CosCache, [c.ContextLength, c.HeadSize / 2], () => RotaryTables.Cos(c, _cancellation)),
            ImportedTensor.Computed(LlamaTensorNames.SinCache, [c.ContextLength, c.HeadSize / 2], () => RotaryTables.Sin(c, _cancellation)),
        };
        QkvBias = _weights.Contains("model.layers.0.self_attn.q_proj.bias");
        for (var layer = 0; layer < c.Layers; layer++)
        {
            var prefix = $"model.layers.{layer}";
            tensors.Add(Copied(LlamaTensorNames.InputNorm(layer), $"{prefix}.input_layernorm.weight", hidden));
            if (c.Architecture.FusedProjections)
                tensors.Add(ImportedTensor.Transposed(LlamaTensorNames.QkvProjection(layer), [All($"{prefix}.self_attn.qkv_proj.weight", qSize + 2 * kvSize, hidden)]));
            else
                tensors.Add(ImportedTensor.Transposed(LlamaTensorNames.QkvProjection(layer),
                [
                    All($"{prefix}.self_attn.q_proj.weight", qSize, hidden),
                    All($"{prefix}.self_attn.k_proj.weight", kvSize, hidden),
                    All($"{prefix}.self_attn.v_proj.weight", kvSize, hidden),
                ]));
            if (QkvBias)
                tensors.Add(ImportedTensor.Concatenated(LlamaTensorNames.QkvBias(layer), [qSize + 2 * kvSize],
                [
                    All($"{prefix}.self_attn.q_proj.bias", qSize),
                    All($"{prefix}.self_attn.k_proj.bias", kvSize),
                    All($"{prefix}.self_attn.v_proj.bias", kvSize),
                ]));
            tensors.Add(ImportedTensor.Transposed(LlamaTensorNames.OutputProjection(layer), [All($"{prefix}.self_attn.o_proj.weight", hidden, qSize)]));
            tensors.Add(Copied(LlamaTensorNames.PostAttentionNorm(layer), $"{prefix}.post_attention_layernorm.weight", hidden));
            if (c.Architecture.FusedProjections)
            {
                var gateUp = All($"{prefix}.mlp.gate_up_proj.weight", 2L * c.IntermediateSize, hidden);
                tensors.Add(ImportedTensor.Transposed(LlamaTensorNames.GateProjection(layer), [gateUp with { Rows = c.IntermediateSize }]));
                tensors.Add(ImportedTensor.Transposed(LlamaTensorNames.UpProjection(layer), [gateUp with { FirstRow = c.IntermediateSize, Rows = c.IntermediateSize }]));
            }
            else
            {
                tensors.Add(ImportedTensor.Transposed(LlamaTensorNames.GateProjection(layer), [All($"{prefix}.mlp.gate_proj.weight", c.IntermediateSize, hidden)]));
                tensors.Add(ImportedTensor.Transposed(LlamaTensorNames.UpProjection(layer), [All($"{prefix}.mlp.up_proj.weight", c.IntermediateSize, hidden)]));
            }
            tensors.Add(ImportedTensor.Transposed(LlamaTensorNames.DownProjection(layer), [All($"{prefix}.mlp.down_proj.weight", hidden, c.IntermediateSize)]));
        }
        tensors.Add(Copied(LlamaTensorNames.FinalNorm(c.Layers), "model.norm.weight", hidden));
        if (!c.TiedEmbeddings)
            tensors.Add(ImportedTensor.Transposed(LlamaTensorNames.LmHead, [All("lm_head.weight", c.VocabSize, hidden)]));
        return tensors;
    }

    private ImportedTensor Copied(string name, string checkpointName, params long[] shape) =>
        ImportedTensor.Concatenated(name, shape, [All(checkpointName, shape)]);

    /// <exception cref="InputException">No such tensor, or not of <paramref name="shape"/>.</exception>
    private RowRange All(string checkpointName, params long[] shape)
    {
        var tensor = _weights[checkpointName];
        if (!tensor.Shape.SequenceEqual(shape))
            throw new InputException($"checkpoint tensor {tensor}: expected shape [{string.Join(", ", shape)}] from {CheckpointConfig.FileName} " +
                $"(model_type {_config.Architecture.ModelType}, hidden_size {_config.HiddenSize}, heads {_config.AttentionHeads}/{_config.KeyValueHeads}, head size {_config.HeadSize}, " +
                $"intermediate_size {_config.IntermediateSize}, vocab_size {_config.VocabSize})");
        _used.Add(checkpointName);
        return RowRange.All(tensor);
    }

    /// <summary>A checkpoint tensor left over is a part of the model the layout would drop (a bias, an extra norm): refused, not lost.</summary>
    private void RequireAllUsed()
    {
        var unused = _weights.Names
            .Where(name => !_used.Contains(name))
            // Buffers older checkpoints saved: recomputed from config.json, and with tied embeddings a copy of the table.
            .Where(name => !name.EndsWith(".rotary_emb.inv_freq", StringComparison.Ordinal) && !(name == "lm_head.weight" && _config.TiedEmbeddings))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (unused.Length > 0)
            throw new InputException($"the checkpoint holds {unused.Length} tensor(s) the {_config.Architecture.ModelType} layout has no place for, " +
                $"so importing would drop them: {string.Join(", ", unused.Take(5))}{(unused.Length > 5 ? ", ..." : "")}");
    }
}
