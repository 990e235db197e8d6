using InferBench.Models;

namespace InferBench.Runner;

/// <summary>
/// A target whose folder is ready and read: the target on the provider it runs on, its genai_config.json facts, and the
/// standing note each of its measured rows carries (what preparing it said, its own note, its provider and quantization notes).
/// </summary>
internal sealed record PreparedTarget(BenchmarkTarget Target, GenAiModelInfo Info, string? Note);
