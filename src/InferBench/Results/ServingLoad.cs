namespace InferBench.Results;

/// <summary>The load one serving point offers: a closed loop of <see cref="Concurrency"/> requests, or an open loop at <see cref="RequestsPerSecond"/>.</summary>
/// <param name="Mode">concurrency or request-rate.</param>
public sealed record ServingLoad(string Mode, int? Concurrency, double? RequestsPerSecond)
{
    public override string ToString() => Concurrency is { } c ? $"concurrency {c}" : $"{ReadableNumber.Of(RequestsPerSecond ?? double.NaN)} requests/s";
}
