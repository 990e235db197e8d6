using InferBench.Cost.Units;

namespace InferBench.Cost.Catalog;

/// <summary>
/// A published measurement of decode throughput: which model (and its shape), precision, GPU (a <see cref="GpuEntry"/>
/// id), engine, batch and lengths, and the tokens/s (with power or energy where the source gives them).
/// </summary>
/// <param name="EngineFamily">onnxruntime, llama.cpp, pytorch, tensorrt-llm, vllm: forecasts calibrate on their own engine's points.</param>
public sealed record PublishedThroughputEntry : CatalogEntry
{
    public required string Model { get; init; }
    public required PublishedModelShape Architecture { get; init; }
    public required string Precision { get; init; }
    public required string Gpu { get; init; }
    public required string Engine { get; init; }
    public required string EngineFamily { get; init; }
    public required int BatchSize { get; init; }
    public required int PromptTokens { get; init; }
    public int? GenTokens { get; init; }
    public required double DecodeTokensPerSecond { get; init; }
    public double? AverageWatts { get; init; }
    public double? JoulesPerToken { get; init; }
}
