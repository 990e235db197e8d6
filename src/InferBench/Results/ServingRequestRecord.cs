namespace InferBench.Results;

/// <summary>One measured request of a serving point (warmup excluded), its times from its arrival, in milliseconds.</summary>
/// <param name="ArrivalMilliseconds">When it arrived, from the start of the point.</param>
/// <param name="QueueMilliseconds">Arrival to the engine's first work on it; null where the engine does not tell (then part of TTFT).</param>
/// <param name="TimeToFirstTokenMilliseconds">Arrival to its first token.</param>
/// <param name="EndToEndMilliseconds">Arrival to its last token.</param>
/// <param name="Finish">How it ended (end-of-sequence, max-generated-tokens, cancelled, failed...).</param>
public sealed record ServingRequestRecord(
    double ArrivalMilliseconds,
    double? QueueMilliseconds,
    double? TimeToFirstTokenMilliseconds,
    double? EndToEndMilliseconds,
    int PromptTokens,
    int OutputTokens,
    long CachedPromptTokens,
    string Finish);
