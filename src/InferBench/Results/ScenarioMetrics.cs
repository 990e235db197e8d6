namespace InferBench.Results;

/// <summary>
/// Statistics over the measured repetitions of one scenario (warmup excluded). Inter-token latency pools
/// every decode step of every measured repetition; the others have one sample per repetition.
/// </summary>
public sealed record ScenarioMetrics(
    SampleStatistics TimeToFirstTokenMilliseconds,
    SampleStatistics PrefillTokensPerSecond,
    SampleStatistics DecodeTokensPerSecond,
    SampleStatistics InterTokenLatencyMilliseconds,
    SampleStatistics EndToEndSeconds);
