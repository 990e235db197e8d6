using InferBench.Models;

namespace InferBench.Runner;

/// <summary>A target whose folder is ready and read: its genai_config.json facts and what its preparation said (such as a rebuilt derived folder).</summary>
internal sealed record PreparedTarget(GenAiModelInfo Info, string? PreparationNote);
