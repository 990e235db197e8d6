namespace InferBench.Synthetic;

/// <summary>
/// The ranges of a synthetic model's sizes. Fields are named as in a config file (<see cref="SyntheticModelConfigFile"/>),
/// so a front end can say them with its own option names, or the file's.
/// </summary>
public static class SyntheticModelInputs
{
    /// <summary>Layers repeat every weight but the embedding, so a typo here would write a model of terabytes.</summary>
    public const int MaxLayers = 1024;

    public static InputRange HiddenSize { get; } = Count("hiddenSize", 1);
    public static InputRange Layers { get; } = new("layers", 1, MaxLayers, WholeNumber: true, Why: "the deepest published LLMs have about 130");
    public static InputRange AttentionHeads { get; } = Count("attentionHeads", 1);
    public static InputRange KeyValueHeads { get; } = Count("keyValueHeads", 1);
    public static InputRange IntermediateSize { get; } = Count("intermediateSize", 1);
    public static InputRange VocabSize { get; } = Count("vocabSize", 2);
    public static InputRange ContextLength { get; } = Count("contextLength", 2);
    public static InputRange Seed { get; } = new("seed", int.MinValue, int.MaxValue, WholeNumber: true);
    public static InputRange RmsNormEpsilon { get; } = new("rmsNormEpsilon", 0, 1, MinimumExcluded: true);
    public static InputRange RopeTheta { get; } = new("ropeTheta", 1, 1e9, MinimumExcluded: true);

    private static InputRange Count(string field, int minimum) => new(field, minimum, int.MaxValue, WholeNumber: true);
}
