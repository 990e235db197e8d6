namespace InferBench.Results;

/// <summary>Energy of one phase window (prefill or decode of one repetition).</summary>
/// <param name="Status">ok, too-short (fewer than a few source updates: no figure rather than a false zero) or unavailable.</param>
/// <param name="Joules">Set only when <paramref name="Status"/> is ok.</param>
public sealed record PhaseEnergy(string Status, double? Joules);
