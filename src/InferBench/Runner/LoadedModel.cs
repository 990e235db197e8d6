using InferBench.Engines;

namespace InferBench.Runner;

/// <summary>A target's model as the engine loaded it, and what loading took: seconds, resident memory after it, and joules where energy is measured.</summary>
internal sealed record LoadedModel(IEngineModel Model, double Seconds, long ResidentBytes, double? Joules);
