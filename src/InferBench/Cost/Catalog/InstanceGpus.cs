namespace InferBench.Cost.Catalog;

/// <summary>Which GPU model (a <see cref="GpuEntry"/> id) an instance has, and how many: its price per GPU is the instance's over <see cref="Count"/>.</summary>
public sealed record InstanceGpus(string Id, int Count);
