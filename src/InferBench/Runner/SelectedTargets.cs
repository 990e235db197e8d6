namespace InferBench.Runner;

/// <summary>The targets a run sweeps, and the manifest variants it leaves out because they are not on this machine.</summary>
public sealed record SelectedTargets(IReadOnlyList<BenchmarkTarget> Targets, IReadOnlyList<BenchmarkTarget> NotSwept);
