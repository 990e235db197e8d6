using InferBench.Engines;

namespace InferBench.Tests.Engines.GenAiServing;

/// <summary>Counts tokens and nothing else, so a step's own allocations can be measured.</summary>
public sealed class NoOpServingSink : IServingEventSink
{
    public int Tokens { get; private set; }

    public void OnToken(int requestId, int tokenId) => Tokens++;

    public void OnFinished(int requestId, ServingFinishReason reason, ServingUsage usage) { }

    public void OnCapacityBlocked(int requestId) { }

    public void OnFailed(int requestId, string message, bool retryable) { }
}
