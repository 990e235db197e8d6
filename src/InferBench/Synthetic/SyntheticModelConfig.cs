using System.Text.Json.Serialization;

namespace InferBench.Synthetic;

/// <summary>
/// The shape of a synthetic Llama-architecture decoder and the seed of its weights. Sizes are counts
/// (of channels, layers, heads, tokens); <see cref="Validate"/> names the CLI option behind a bad value.
/// </summary>
public sealed record SyntheticModelConfig(
    int HiddenSize,
    int Layers,
    int AttentionHeads,
    int KeyValueHeads,
    int IntermediateSize,
    int VocabSize,
    int ContextLength,
    int Seed)
{
    /// <summary>Layers repeat every weight but the embedding, so a typo here would write a model of terabytes.</summary>
    public const int MaxLayers = 1024;

    public double RmsNormEpsilon { get; init; } = 1e-5;
    public double RopeTheta { get; init; } = 10_000;

    [JsonIgnore] public int HeadSize => HiddenSize / AttentionHeads;

    /// <summary>Output width of the packed QKV projection: query heads, then key heads, then value heads.</summary>
    [JsonIgnore] public int QkvSize => (AttentionHeads + 2 * KeyValueHeads) * HeadSize;

    /// <summary>Weights a forward pass reads (embedding, layers, final norm, lm_head); the rotary tables are not parameters.</summary>
    [JsonIgnore]
    public long ParameterCount
    {
        get
        {
            long hidden = HiddenSize;
            var perLayer = 2 * hidden + hidden * QkvSize + hidden * hidden + 3 * hidden * IntermediateSize;
            return 2 * VocabSize * hidden + Layers * perLayer + hidden;
        }
    }

    /// <exception cref="InputException">A size is out of range or the sizes do not fit together.</exception>
    public void Validate()
    {
        RequireAtLeast("--hidden-size", HiddenSize, 1);
        RequireAtLeast("--layers", Layers, 1);
        if (Layers > MaxLayers)
            throw new InputException($"--layers: expected 1 to {MaxLayers} (the deepest published LLMs have about 130), got {Layers}");
        RequireAtLeast("--heads", AttentionHeads, 1);
        RequireAtLeast("--kv-heads", KeyValueHeads, 1);
        RequireAtLeast("--intermediate-size", IntermediateSize, 1);
        RequireAtLeast("--vocab-size", VocabSize, 2);
        RequireAtLeast("--context-length", ContextLength, 2);
        if (HiddenSize % AttentionHeads != 0)
            throw new InputException($"--heads: {AttentionHeads} heads do not divide --hidden-size {HiddenSize}");
        if (AttentionHeads % KeyValueHeads != 0)
            throw new InputException($"--kv-heads: {KeyValueHeads} key/value heads do not divide --heads {AttentionHeads}");
        // Rotary embedding needs an even head size; ONNX Runtime's GroupQueryAttention with rotary asks for a multiple of 16.
        if (HeadSize % 16 != 0)
            throw new InputException(
                $"--heads: head size --hidden-size / --heads = {HiddenSize} / {AttentionHeads} = {HeadSize} is not a multiple of 16, " +
                "which rotary embedding in ONNX Runtime's GroupQueryAttention needs");
        if (!(RmsNormEpsilon > 0 && double.IsFinite(RmsNormEpsilon)))
            throw new InputException($"rmsNormEpsilon: expected a positive number, got {RmsNormEpsilon}");
        if (!(RopeTheta > 1 && double.IsFinite(RopeTheta)))
            throw new InputException($"ropeTheta: expected a number above 1, got {RopeTheta}");
        var largestTensorElements = new[]
        {
            (long)VocabSize * HiddenSize, (long)HiddenSize * QkvSize, (long)HiddenSize * IntermediateSize, (long)ContextLength * HeadSize / 2,
        }.Max();
        if (largestTensorElements > Array.MaxLength)
            throw new InputException(
                $"--hidden-size {HiddenSize} with --vocab-size {VocabSize}, --intermediate-size {IntermediateSize} and --context-length {ContextLength}: " +
                $"the largest weight would hold {largestTensorElements} values, more than one array can ({Array.MaxLength})");
    }

    private static void RequireAtLeast(string option, int value, int minimum)
    {
        if (value < minimum)
            throw new InputException($"{option}: expected {minimum} or more, got {value}");
    }
}
