namespace InferBench.Results;

/// <summary>The load one serving point offers: a closed loop of <see cref="Concurrency"/> requests, or an open loop at <see cref="RequestsPerSecond"/>.</summary>
/// <param name="Mode">concurrency or request-rate.</param>
public sealed record ServingLoad(string Mode, int? Concurrency, double? RequestsPerSecond)
{
    public const string ClosedLoopMode = "concurrency";
    public const string OpenLoopMode = "request-rate";

    /// <summary>A closed loop: <paramref name="concurrency"/> requests in flight, a new one as soon as one finishes.</summary>
    public static ServingLoad Closed(int concurrency) => new(ClosedLoopMode, concurrency, null);

    /// <summary>An open loop at <paramref name="requestsPerSecond"/>; null: a rate not known yet (an automatic rate that could not be set).</summary>
    public static ServingLoad Open(double? requestsPerSecond) => new(OpenLoopMode, null, requestsPerSecond);

    public override string ToString() => Concurrency is { } c ? $"concurrency {c}"
        : RequestsPerSecond is { } rate ? $"{ReadableNumber.Of(rate)} requests/s"
        : "automatic request rates";
}
