using InferBench.Engines;

namespace InferBench.Serving;

/// <summary>One event of an engine step, kept until the step returns and its time is read.</summary>
internal readonly record struct StepEvent(StepEventKind Kind, int RequestId, ServingFinishReason Finish = default, ServingUsage Usage = default, string? Message = null);
