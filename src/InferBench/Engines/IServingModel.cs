using InferBench.Results;

namespace InferBench.Engines;

/// <summary>
/// A model a serving engine has loaded. Every call must come from the thread that loaded it (the runtime's owner thread);
/// one <see cref="Step"/> either delivers events the engine retained or runs at most one model step. Disposing it cancels
/// what is still queued and frees the model.
/// </summary>
public interface IServingModel : IDisposable
{
    /// <summary>What the engine was configured to do and the limits it really applies.</summary>
    ServingCapabilities Capabilities { get; }

    /// <summary>
    /// Queues one request: its prompt, then exactly <paramref name="outputTokens"/> generated tokens (end-of-sequence masked
    /// until then). Its events carry <paramref name="requestId"/>.
    /// </summary>
    /// <param name="requestId">The caller's id for the request, not negative, unique among requests not yet released.</param>
    /// <exception cref="EngineException">The engine refused the request.</exception>
    void Submit(int requestId, ReadOnlySpan<int> promptTokens, int outputTokens);

    /// <summary>True while queued or running requests, or undelivered events, remain.</summary>
    bool HasPendingWork { get; }

    /// <summary>One engine run: its events go to <paramref name="sink"/> before it returns, without allocating per event.</summary>
    /// <exception cref="EngineException">The engine failed as a whole (a request's own failure is an event).</exception>
    void Step(IServingEventSink sink);

    /// <summary>Cancels a queued or running request; its end comes as a <see cref="ServingFinishReason.Cancelled"/> event.</summary>
    void Cancel(int requestId);

    /// <summary>Frees a request that has finished (its finish event delivered) or was cancelled.</summary>
    void Release(int requestId);
}
