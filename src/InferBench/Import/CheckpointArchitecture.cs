namespace InferBench.Import;

/// <summary>
/// The decoder architectures the importer reads, each written in the layout GenAI's model builder emits for it. The
/// name is the checkpoint's config.json model_type and GenAI's model.type (the builder's architecture name before "For",
/// lower case).
/// </summary>
public sealed record CheckpointArchitecture(string ModelType, bool FusedProjections)
{
    public static readonly CheckpointArchitecture Llama = new("llama", FusedProjections: false);
    public static readonly CheckpointArchitecture Mistral = new("mistral", FusedProjections: false);
    public static readonly CheckpointArchitecture Qwen2 = new("qwen2", FusedProjections: false);

    /// <summary>Phi-3's checkpoints hold one qkv_proj and one gate_up_proj per layer; the builder unpacks them.</summary>
    public static readonly CheckpointArchitecture Phi3 = new("phi3", FusedProjections: true);

    public static IReadOnlyList<CheckpointArchitecture> Supported { get; } = [Llama, Mistral, Qwen2, Phi3];

    public static CheckpointArchitecture? Named(string modelType) => Supported.FirstOrDefault(a => a.ModelType == modelType);
}
