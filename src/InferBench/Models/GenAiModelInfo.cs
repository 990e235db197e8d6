namespace InferBench.Models;

/// <summary>The facts InferBench needs from a GenAI model folder's genai_config.json.</summary>
/// <param name="DecoderInputs">$.model.decoder.inputs: GenAI's name for each input (input_ids, past_key_names...) and the graph input it expects.</param>
public sealed record GenAiModelInfo(
    string FolderPath,
    string ModelType,
    int VocabSize,
    int ContextLength,
    string DecoderFileName,
    IReadOnlyDictionary<string, string> DecoderInputs);
