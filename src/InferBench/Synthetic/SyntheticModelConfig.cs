using System.Text.Json.Serialization;

namespace InferBench.Synthetic;

/// <summary>
/// The shape of a synthetic Llama-architecture decoder and the seed of its weights. Sizes are counts
/// (of channels, layers, heads, tokens); <see cref="Validate"/> names the fields behind a bad value (<see cref="SyntheticModelInputs"/>).
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
    public double RmsNormEpsilon { get; init; } = 1e-5;
    public double RopeTheta { get; init; } = 10_000;

    /// <summary>Null: the layout GenAI's builder emits for a Llama on CPU. Left out of synthetic.json (and the cache hash) when null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SyntheticLayout? Layout { get; init; }

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
            return (Layout?.TiedEmbeddings == true ? 1 : 2) * VocabSize * hidden + Layers * perLayer + hidden;
        }
    }

    /// <exception cref="InputRangeException">A size is out of range or the sizes do not fit together; its fields are named as in <see cref="SyntheticModelInputs"/>.</exception>
    public void Validate()
    {
        SyntheticModelInputs.HiddenSize.Check(HiddenSize);
        SyntheticModelInputs.Layers.Check(Layers);
        SyntheticModelInputs.AttentionHeads.Check(AttentionHeads);
        SyntheticModelInputs.KeyValueHeads.Check(KeyValueHeads);
        SyntheticModelInputs.IntermediateSize.Check(IntermediateSize);
        SyntheticModelInputs.VocabSize.Check(VocabSize);
        SyntheticModelInputs.ContextLength.Check(ContextLength);
        SyntheticModelInputs.RmsNormEpsilon.Check(RmsNormEpsilon);
        SyntheticModelInputs.RopeTheta.Check(RopeTheta);
        string[] headsAndHidden = [SyntheticModelInputs.AttentionHeads.Field, SyntheticModelInputs.HiddenSize.Field];
        if (HiddenSize % AttentionHeads != 0)
            throw new InputRangeException(headsAndHidden, "attention heads that divide the hidden size", $"{AttentionHeads} heads for hidden size {HiddenSize}");
        if (AttentionHeads % KeyValueHeads != 0)
            throw new InputRangeException([SyntheticModelInputs.KeyValueHeads.Field, SyntheticModelInputs.AttentionHeads.Field],
                "key/value heads that divide the attention heads", $"{KeyValueHeads} key/value heads for {AttentionHeads} attention heads");
        // Rotary embedding needs an even head size; ONNX Runtime's GroupQueryAttention with rotary asks for a multiple of 16.
        if (HeadSize % 16 != 0)
            throw new InputRangeException(headsAndHidden,
                "a head size (hidden size / attention heads) that is a multiple of 16, which rotary embedding in ONNX Runtime's GroupQueryAttention needs",
                $"{HiddenSize} / {AttentionHeads} = {HeadSize}");
        var largestTensorElements = new[]
        {
            (long)VocabSize * HiddenSize, (long)HiddenSize * QkvSize, (long)HiddenSize * IntermediateSize, (long)ContextLength * HeadSize / 2,
        }.Max();
        if (largestTensorElements > Array.MaxLength)
            throw new InputRangeException(
                [SyntheticModelInputs.HiddenSize.Field, SyntheticModelInputs.VocabSize.Field, SyntheticModelInputs.IntermediateSize.Field, SyntheticModelInputs.ContextLength.Field],
                $"sizes whose largest weight fits one array ({Array.MaxLength} values)",
                $"{largestTensorElements} values");
    }
}
