namespace InferBench.Results;

/// <summary>One measured request of a serving point (warmup excluded), its times from its arrival, in milliseconds.</summary>
/// <param name="ArrivalMilliseconds">When it arrived, from the start of the point.</param>
/// <param name="QueueMilliseconds">Arrival to its submission to the engine (InferBench's own arrival queue, while an engine step ran); the
/// engine's own queueing, which GenAI does not report, is inside TTFT. Null for a request never submitted.</param>
/// <param name="TimeToFirstTokenMilliseconds">Arrival to its first token.</param>
/// <param name="EndToEndMilliseconds">Arrival to its last token.</param>
/// <param name="Finish">How it ended (end-of-sequence, max-generated-tokens, cancelled, failed...).</param>
/// <param name="SharedPrefixTokens">The first tokens of its prompt that every request shares, as it was sent: the plan's prefix,
/// cut to a shorter prompt, or its lengths-file line's own; null when it shared none (and in files written before it was recorded).</param>
public sealed record ServingRequestRecord(
    double ArrivalMilliseconds,
    double? QueueMilliseconds,
    double? TimeToFirstTokenMilliseconds,
    double? EndToEndMilliseconds,
    int PromptTokens,
    int OutputTokens,
    long CachedPromptTokens,
    string Finish,
    int? SharedPrefixTokens = null);
