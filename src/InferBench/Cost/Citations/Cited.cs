namespace InferBench.Cost.Citations;

/// <summary>A value with its <see cref="Citation"/>, so whatever is computed from it can say what it assumed.</summary>
public readonly record struct Cited<T>(T Value, Citation Citation);
