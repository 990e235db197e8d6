namespace InferBench.Engines;

/// <summary>Receives the events of one <see cref="IServingModel.Step"/>, in the engine's order, on the owner thread.</summary>
public interface IServingEventSink
{
    /// <summary>The id an event about no particular request carries (callers' ids are never negative).</summary>
    public const int NoRequest = -1;

    /// <summary>The request generated one token.</summary>
    void OnToken(int requestId, int tokenId);

    /// <summary>The request's turn ended (after its last token event), with the engine's own token counts.</summary>
    void OnFinished(int requestId, ServingFinishReason reason, ServingUsage usage);

    /// <summary>
    /// The engine could not schedule the request in this step for lack of capacity; it stays queued. <paramref name="requestId"/>
    /// is <see cref="NoRequest"/> where the engine names no request (GenAI's Engine: a step that could admit none of the queued).
    /// </summary>
    void OnCapacityBlocked(int requestId);

    /// <summary>The request failed; <paramref name="retryable"/> when the engine says trying again may work.</summary>
    void OnFailed(int requestId, string message, bool retryable);
}
