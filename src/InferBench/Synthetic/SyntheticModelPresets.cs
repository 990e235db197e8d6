namespace InferBench.Synthetic;

/// <summary>Named model shapes: <c>tiny</c> for tests, <c>small</c> for the built-in benchmark.</summary>
public static class SyntheticModelPresets
{
    public const int DefaultSeed = 1;

    /// <summary>158 k parameters: builds and runs in milliseconds.</summary>
    public static SyntheticModelConfig Tiny { get; } = new(
        HiddenSize: 64, Layers: 2, AttentionHeads: 4, KeyValueHeads: 2, IntermediateSize: 176,
        VocabSize: 512, ContextLength: 256, Seed: DefaultSeed);

    /// <summary>
    /// 55.3 M parameters (221 MB of fp32 weights; 156 MB read per decode step, as only one embedding row is), far beyond
    /// CPU caches, so decoding is bound by memory traffic as it is for real LLMs and int8/int4 weights visibly change its speed. Shaped like a scaled-down
    /// Llama: 4 query heads per key/value head, SwiGLU width ~2.75x hidden, a 32k vocabulary.
    /// </summary>
    public static SyntheticModelConfig Small { get; } = new(
        HiddenSize: 512, Layers: 8, AttentionHeads: 8, KeyValueHeads: 2, IntermediateSize: 1408,
        VocabSize: 32_000, ContextLength: 2048, Seed: DefaultSeed);

    public static IReadOnlyList<string> Names { get; } = ["tiny", "small"];

    /// <summary>The input that names a preset, which <see cref="Named"/>'s error names.</summary>
    public const string PresetField = "Preset";

    /// <exception cref="InputFieldException">No preset has that name.</exception>
    public static SyntheticModelConfig Named(string name) => name switch
    {
        "tiny" => Tiny,
        "small" => Small,
        _ => throw new InputFieldException([PresetField], $"expected one of {string.Join(", ", Names)}, got \"{name}\""),
    };
}
