namespace InferBench.Engines;

/// <summary>Receives the events of one <see cref="IServingModel.Step"/>, in the engine's order, on the owner thread.</summary>
public interface IServingEventSink
{
    /// <summary>The request generated one token.</summary>
    void OnToken(int requestId, int tokenId);

    /// <summary>The request's turn ended (after its last token event), with the engine's own token counts.</summary>
    void OnFinished(int requestId, ServingFinishReason reason, ServingUsage usage);

    /// <summary>The engine could not schedule the request in this step for lack of capacity; it stays queued.</summary>
    void OnCapacityBlocked(int requestId);

    /// <summary>The request failed; <paramref name="retryable"/> when the engine says trying again may work.</summary>
    void OnFailed(int requestId, string message, bool retryable);
}
