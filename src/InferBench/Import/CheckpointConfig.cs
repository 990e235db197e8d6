using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InferBench.Import;

/// <summary>
/// What the importer takes from a checkpoint's config.json and generation_config.json: the architecture, its sizes,
/// rotary settings, sliding window, tied embeddings and token ids (generation_config.json's ids win, as in GenAI's builder).
/// </summary>
public sealed record CheckpointConfig(
    CheckpointArchitecture Architecture,
    int HiddenSize,
    int Layers,
    int AttentionHeads,
    int KeyValueHeads,
    int HeadSize,
    int IntermediateSize,
    int VocabSize,
    int ContextLength,
    double RmsNormEpsilon,
    double RopeTheta,
    RopeScaling? RopeScaling,
    int? SlidingWindow,
    bool TiedEmbeddings,
    int BosTokenId,
    IReadOnlyList<int> EosTokenIds,
    int PadTokenId)
{
    public const string FileName = "config.json";
    public const string GenerationFileName = "generation_config.json";

    /// <summary>The most bytes the importer computes cos_cache or sin_cache in (float32), one piece of under 2 GiB.</summary>
    public const long MaxRotaryTableBytes = int.MaxValue;

    /// <summary>generation_config.json's sampling settings GenAI's builder carries into genai_config.json's search, checked.</summary>
    public IReadOnlyDictionary<string, JsonNode> SearchSettings { get; init; } = new Dictionary<string, JsonNode>();

    /// <summary>Output width of the packed QKV projection: query heads, then key heads, then value heads.</summary>
    public int QkvSize => (AttentionHeads + 2 * KeyValueHeads) * HeadSize;

    /// <exception cref="InputException">config.json is missing or malformed, names an unsupported model_type or setting, or its sizes
    /// do not fit together; the message names the file and the field.</exception>
    public static CheckpointConfig Load(string folderPath)
    {
        var path = Path.Combine(folderPath, FileName);
        var config = JsonFields.Load(path);
        var modelType = config.String("model_type");
        var architecture = CheckpointArchitecture.Named(modelType)
            ?? throw config.Problem("model_type", $"{modelType} cannot be imported; supported: {string.Join(", ", CheckpointArchitecture.Supported.Select(a => a.ModelType))}");

        var hidden = config.PositiveInt("hidden_size");
        var heads = config.PositiveInt("num_attention_heads");
        var keyValueHeads = config.OptionalPositiveInt("num_key_value_heads") ?? heads;
        var headSize = config.OptionalPositiveInt("head_dim") ?? hidden / heads;
        if (!config.Has("head_dim") && hidden % heads != 0)
            throw config.Problem("num_attention_heads", $"{heads} heads do not divide hidden_size {hidden} (and there is no head_dim)");
        if (heads % keyValueHeads != 0)
            throw config.Problem("num_key_value_heads", $"{keyValueHeads} key/value heads do not divide num_attention_heads {heads}");
        // ONNX Runtime's GroupQueryAttention with rotary asks for a head size that is a multiple of 16.
        if (headSize % 16 != 0)
            throw config.Problem(config.Has("head_dim") ? "head_dim" : "hidden_size",
                $"head size {headSize} is not a multiple of 16, which rotary embedding in ONNX Runtime's GroupQueryAttention needs");
        var activation = config.OptionalString("hidden_act") ?? "silu";
        if (activation != "silu")
            throw config.Problem("hidden_act", $"{activation} cannot be imported (the SwiGLU MLP GenAI's builder writes uses silu)");
        if (config.Bool("mlp_bias", orElse: false))
            throw config.Problem("mlp_bias", "MLP biases cannot be imported");
        if (config.Element("partial_rotary_factor") is { } partial && !(partial.ValueKind == JsonValueKind.Number && partial.TryGetDouble(out var factor) && factor == 1))
            throw config.Problem("partial_rotary_factor", $"{partial.GetRawText()}: partial rotary embedding cannot be imported");

        var contextLength = config.PositiveInt("max_position_embeddings");
        var ropeScaling = ReadRopeScaling(config, contextLength);
        if (architecture == CheckpointArchitecture.Phi3 && config.OptionalPositiveInt("original_max_position_embeddings") is { } original && original != contextLength)
            throw config.Problem("original_max_position_embeddings",
                $"{original} differs from max_position_embeddings {contextLength}: Phi-3's long-context (LongRoPE) variants cannot be imported");

        var vocabSize = config.PositiveInt("vocab_size");
        var generationPath = Path.Combine(folderPath, GenerationFileName);
        var generation = CheckpointFile.Exists(generationPath) ? JsonFields.Load(generationPath) : null;
        // generation_config.json's ids win, as in GenAI's builder; each is checked against the vocabulary in the file it came from.
        JsonFields? Source(string field) => generation is not null && generation.Has(field) ? generation : config.Has(field) ? config : null;
        int[]? TokenIds(string field, Func<JsonFields, int[]?> read)
        {
            if (Source(field) is not { } source || read(source) is not { } ids)
                return null;
            if (ids.FirstOrDefault(id => id >= vocabSize, -1) is var outside and >= 0)
                throw source.Problem(field, $"token id {outside} is outside the vocabulary (vocab_size {vocabSize} in {FileName})");
            return ids;
        }
        var bos = TokenIds("bos_token_id", f => f.OptionalTokenId("bos_token_id") is { } id ? [id] : null)?[0] ?? 1;
        var eos = TokenIds("eos_token_id", f => f.OptionalTokenIds("eos_token_id"))
            ?? throw config.Problem("eos_token_id", $"missing here and in {GenerationFileName}; GenAI needs it to stop generating");
        var pad = TokenIds("pad_token_id", f => f.OptionalTokenId("pad_token_id") is { } id ? [id] : null)?[0] ?? eos[0];

        var result = new CheckpointConfig(
            architecture, hidden, config.PositiveInt("num_hidden_layers"), heads, keyValueHeads, headSize,
            config.PositiveInt("intermediate_size"), vocabSize, contextLength,
            config.PositiveNumber("rms_norm_eps"), config.OptionalPositiveNumber("rope_theta") ?? config.OptionalObject("rope_parameters")?.OptionalPositiveNumber("rope_theta") ?? 10_000, ropeScaling,
            ReadSlidingWindow(config, architecture), config.Bool("tie_word_embeddings", orElse: false), bos, eos, pad)
        {
            SearchSettings = generation is null ? new Dictionary<string, JsonNode>() : ReadSearchSettings(generation),
        };
        result.CheckSizes(config);
        return result;
    }

    /// <summary>rope_scaling (or Transformers 5's rope_parameters): absent, default, linear or llama3.</summary>
    private static RopeScaling? ReadRopeScaling(JsonFields config, int contextLength)
    {
        var field = config.Has("rope_scaling") ? "rope_scaling" : "rope_parameters";
        if (config.OptionalObject(field) is not { } rope)
            return null;
        var type = rope.OptionalString("rope_type") ?? rope.OptionalString("type") ?? "default";
        if (!RopeScaling.SupportedTypes.Contains(type))
            throw config.Problem($"{field}.rope_type", $"{type} cannot be imported; supported: {string.Join(", ", RopeScaling.SupportedTypes)}");
        return type switch
        {
            "linear" => new RopeScaling(type, rope.PositiveNumber("factor")),
            "llama3" => new RopeScaling(type, rope.PositiveNumber("factor"), rope.PositiveNumber("low_freq_factor"), rope.PositiveNumber("high_freq_factor"),
                rope.OptionalPositiveInt("original_max_position_embeddings") ?? contextLength),
            _ => null,
        };
    }

    /// <summary>
    /// GenAI's builder gives GroupQueryAttention the config's sliding_window as local_window_size; Qwen2 uses it only with
    /// use_sliding_window (Transformers ignores it otherwise).
    /// </summary>
    private static int? ReadSlidingWindow(JsonFields config, CheckpointArchitecture architecture)
    {
        if (architecture == CheckpointArchitecture.Qwen2 && !config.Bool("use_sliding_window", orElse: false))
            return null;
        return config.OptionalPositiveInt("sliding_window");
    }

    /// <summary>The sampling settings GenAI's builder copies (do_sample, temperature, top_k, top_p, repetition_penalty), each of its type and range.</summary>
    private static Dictionary<string, JsonNode> ReadSearchSettings(JsonFields generation)
    {
        var settings = new Dictionary<string, JsonNode>();
        if (generation.Has("do_sample"))
            settings["do_sample"] = generation.Bool("do_sample", orElse: false);
        if (generation.OptionalPositiveNumber("temperature") is { } temperature)
            settings["temperature"] = temperature;
        if (generation.OptionalCount("top_k") is { } topK)
            settings["top_k"] = topK;
        if (generation.OptionalPositiveNumber("top_p") is { } topP)
            settings["top_p"] = topP <= 1 ? topP : throw generation.Problem("top_p", string.Create(CultureInfo.InvariantCulture, $"{topP} is above 1 (a probability)"));
        if (generation.OptionalPositiveNumber("repetition_penalty") is { } penalty)
            settings["repetition_penalty"] = penalty;
        return settings;
    }

    private void CheckSizes(JsonFields config)
    {
        if (RopeScaling is { Type: "llama3" } llama3 && llama3.HighFrequencyFactor <= llama3.LowFrequencyFactor)
            throw config.Problem("rope_scaling.high_freq_factor", $"{llama3.HighFrequencyFactor} is not above low_freq_factor {llama3.LowFrequencyFactor}");
        foreach (var (field, elements) in new[]
        {
            ("vocab_size", (long)VocabSize * HiddenSize), ("intermediate_size", (long)HiddenSize * IntermediateSize),
            ("num_attention_heads", (long)HiddenSize * QkvSize),
        })
            if (elements > Array.MaxLength)
                throw config.Problem(field, $"a weight of {elements} values, more than the importer holds in one array ({Array.MaxLength})");
        var rotaryPairs = HeadSize / 2;
        var maxPositions = MaxRotaryTableBytes / sizeof(float) / rotaryPairs;
        if (ContextLength > maxPositions)
            throw config.Problem(maxPositions == 0 ? (config.Has("head_dim") ? "head_dim" : "hidden_size") : "max_position_embeddings",
                $"{ContextLength} positions × {rotaryPairs} rotary pairs make cos_cache and sin_cache of {(long)ContextLength * rotaryPairs * sizeof(float)} bytes each; " +
                $"the importer writes each as one float32 tensor of at most {MaxRotaryTableBytes} bytes (2 GiB), so at most {maxPositions} positions for head size {HeadSize}");
        CheckRotaryAngles(config);
    }

    /// <summary>Every rotary angle, position × inverse frequency in float32, must be finite, or cos_cache and sin_cache would hold NaN.</summary>
    private void CheckRotaryAngles(JsonFields config)
    {
        var frequencies = RotaryTables.InverseFrequencies(this);
        for (var i = 0; i < frequencies.Length; i++)
            if (!float.IsFinite(frequencies[i]) || !float.IsFinite(Math.Max(ContextLength - 1, 1) * frequencies[i]))
                throw config.Problem(RopeScaling is null ? "rope_theta" : config.Has("rope_scaling") ? "rope_scaling" : "rope_parameters",
                    string.Create(CultureInfo.InvariantCulture,
                        $"rope_theta {RopeTheta} (with rope_scaling {RopeScaling?.Type ?? "none"}) gives rotary pair {i} the inverse frequency {frequencies[i]}, whose angles over {ContextLength} positions are not finite float32 values"));
    }
}
