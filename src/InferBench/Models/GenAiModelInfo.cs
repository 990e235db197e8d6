namespace InferBench.Models;

/// <summary>The facts InferBench needs from a GenAI model folder's genai_config.json.</summary>
public sealed record GenAiModelInfo(
    string FolderPath,
    string ModelType,
    int VocabSize,
    int ContextLength,
    string DecoderFileName);
