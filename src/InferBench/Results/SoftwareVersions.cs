namespace InferBench.Results;

public sealed record SoftwareVersions(
    string DotNet,
    string OnnxRuntimeGenAI,
    string OnnxRuntime,
    string InferBench,
    string? InferBenchCommit);
