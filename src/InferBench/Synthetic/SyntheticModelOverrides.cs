namespace InferBench.Synthetic;

/// <summary>Values that replace a preset's: from a config file or from command-line options. Null keeps the preset's value.</summary>
public sealed record SyntheticModelOverrides(
    int? HiddenSize = null,
    int? Layers = null,
    int? AttentionHeads = null,
    int? KeyValueHeads = null,
    int? IntermediateSize = null,
    int? VocabSize = null,
    int? ContextLength = null,
    int? Seed = null,
    double? RmsNormEpsilon = null,
    double? RopeTheta = null)
{
    public SyntheticModelConfig ApplyTo(SyntheticModelConfig config) => config with
    {
        HiddenSize = HiddenSize ?? config.HiddenSize,
        Layers = Layers ?? config.Layers,
        AttentionHeads = AttentionHeads ?? config.AttentionHeads,
        KeyValueHeads = KeyValueHeads ?? config.KeyValueHeads,
        IntermediateSize = IntermediateSize ?? config.IntermediateSize,
        VocabSize = VocabSize ?? config.VocabSize,
        ContextLength = ContextLength ?? config.ContextLength,
        Seed = Seed ?? config.Seed,
        RmsNormEpsilon = RmsNormEpsilon ?? config.RmsNormEpsilon,
        RopeTheta = RopeTheta ?? config.RopeTheta,
    };
}
