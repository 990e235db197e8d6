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
    /// <summary>The fields (as <see cref="SyntheticModelInputs"/> names them) this gives a value for.</summary>
    public IEnumerable<string> GivenFields() =>
        new (InputRange Range, object? Value)[]
        {
            (SyntheticModelInputs.HiddenSize, HiddenSize), (SyntheticModelInputs.Layers, Layers),
            (SyntheticModelInputs.AttentionHeads, AttentionHeads), (SyntheticModelInputs.KeyValueHeads, KeyValueHeads),
            (SyntheticModelInputs.IntermediateSize, IntermediateSize), (SyntheticModelInputs.VocabSize, VocabSize),
            (SyntheticModelInputs.ContextLength, ContextLength), (SyntheticModelInputs.Seed, Seed),
            (SyntheticModelInputs.RmsNormEpsilon, RmsNormEpsilon), (SyntheticModelInputs.RopeTheta, RopeTheta),
        }.Where(given => given.Value is not null).Select(given => given.Range.Field);

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
