namespace InferBench.Results;

/// <summary>Statistics of one serving point over its measured requests (definitions: docs/serving.md).</summary>
/// <param name="MeasuredRequests">Requests that finished inside the point and count in its statistics.</param>
/// <param name="WarmupRequests">Requests left out as warmup.</param>
/// <param name="FailedRequests">Measured requests that failed or were cancelled.</param>
/// <param name="DurationSeconds">From the first measured arrival to the last measured finish.</param>
/// <param name="OfferedRequestsPerSecond">The open loop's asked rate; null for a closed loop.</param>
/// <param name="ArrivalRequestsPerSecond">The rate requests really arrived at.</param>
/// <param name="RequestsPerSecond">Finished requests / duration.</param>
/// <param name="Saturated">True when the queue kept growing: the engine could not keep up with the offered load.</param>
/// <param name="SaturationReason">Why it is judged saturated; null when not.</param>
/// <param name="GoodputRequestsPerSecond">Requests meeting every per-request target / duration; null without targets.</param>
/// <param name="InputTokensPerSecond">Prompt tokens of finished requests / duration.</param>
/// <param name="OutputTokensPerSecond">Generated tokens of finished requests / duration.</param>
/// <param name="TimePerOutputTokenMilliseconds">Per request: (end-to-end - TTFT) / (output tokens - 1).</param>
/// <param name="InterTokenLatencyMilliseconds">Every gap between consecutive tokens of every measured request.</param>
/// <param name="OutputTokensPerSecondPerUser">Per request: 1 / its time per output token, (output tokens - 1) / (end-to-end - TTFT): the decode speed one user sees.</param>
/// <param name="BatchRowsMean">Requests that got a token per engine step, mean over the steps that produced tokens.</param>
/// <param name="BatchRowsMax">The most requests that got a token in one step.</param>
/// <param name="EngineSteps">Engine runs during the point.</param>
/// <param name="CachedPromptTokens">Prompt tokens the engine reused from its cache, over the measured requests.</param>
/// <param name="MeanRequestsInSystem">Time-average of requests arrived and not finished (Little's law's L).</param>
/// <param name="LittlesLawRelativeDifference">|L - throughput x mean latency| / L.</param>
/// <param name="HarnessOverheadPercent">InferBench's own time between engine runs / time inside them, percent.</param>
public sealed record ServingPointMetrics(
    int MeasuredRequests,
    int WarmupRequests,
    int FailedRequests,
    double DurationSeconds,
    double? OfferedRequestsPerSecond,
    double ArrivalRequestsPerSecond,
    double RequestsPerSecond,
    bool Saturated,
    string? SaturationReason,
    double? GoodputRequestsPerSecond,
    double InputTokensPerSecond,
    double OutputTokensPerSecond,
    SampleStatistics? QueueMilliseconds,
    SampleStatistics TimeToFirstTokenMilliseconds,
    SampleStatistics? TimePerOutputTokenMilliseconds,
    SampleStatistics? InterTokenLatencyMilliseconds,
    SampleStatistics EndToEndMilliseconds,
    SampleStatistics? OutputTokensPerSecondPerUser,
    double BatchRowsMean,
    int BatchRowsMax,
    int EngineSteps,
    long CachedPromptTokens,
    double MeanRequestsInSystem,
    double LittlesLawRelativeDifference,
    double HarnessOverheadPercent);
