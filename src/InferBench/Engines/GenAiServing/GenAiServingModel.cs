using InferBench.Results;

namespace InferBench.Engines.GenAiServing;

/// <summary>
/// A model served by GenAI's Engine: each request is an Engine request with one turn of exactly its output tokens, greedy;
/// <see cref="Step"/> is one OgaEngineRun whose events are read while they are valid (until the next run) and passed to the
/// sink without allocating (preallocated maps from the native request to the caller's id). A failed turn's event gives
/// <see cref="IServingEventSink.OnFailed"/> then <see cref="IServingEventSink.OnFinished"/>. On the paged path a finished
/// request keeps its place in the batch until it is released: release it once <see cref="Step"/> has returned (not from the sink).
/// </summary>
public sealed class GenAiServingModel : IServingModel
{
    /// <summary>Events one run may expose; more stay retained by the engine for the next run.</summary>
    private const int EventCapacity = 1024;

    /// <summary>Requests the maps hold without growing.</summary>
    private const int ExpectedRequests = 1024;

    private readonly GenAiEngineApi _api;
    private readonly OgaHandle _engine;
    private readonly OgaHandle _events;
    private readonly OgaHandle _requestOptions;
    private readonly Dictionary<nint, int> _idsByRequest = new(ExpectedRequests);
    private readonly Dictionary<int, EngineRequest> _requestsById = new(ExpectedRequests);
    private bool _disposed;

    internal GenAiServingModel(GenAiEngineApi api, OgaHandle engine, ServingCapabilities capabilities)
    {
        _api = api;
        _engine = engine;
        Capabilities = capabilities;
        _events = api.CreateEventBuffer(engine, EventCapacity);
        try
        {
            _requestOptions = api.CreateRequestOptions();
        }
        catch
        {
            _events.Dispose();
            throw;
        }
    }

    public ServingCapabilities Capabilities { get; }

    public bool HasPendingWork => _api.HasPendingRequests(_engine);

    public void Submit(int requestId, ReadOnlySpan<int> promptTokens, int outputTokens)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_requestsById.ContainsKey(requestId))
            throw new ArgumentException($"request {requestId} is already submitted and not released", nameof(requestId));
        ArgumentOutOfRangeException.ThrowIfNegative(requestId);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputTokens, 1);
        ArgumentOutOfRangeException.ThrowIfZero(promptTokens.Length, nameof(promptTokens));

        _api.RequestOptionsSetMaxSessionTokens(_requestOptions, promptTokens.Length + (long)outputTokens);
        var request = _api.CreateRequest(_engine, _requestOptions);
        try
        {
            using var turnOptions = _api.CreateExactGreedyTurnOptions(request, outputTokens);
            var turn = _api.BeginTurn(request, turnOptions, promptTokens);
            _idsByRequest.Add(request.Pointer, requestId);
            _requestsById.Add(requestId, new EngineRequest(request, turn));
        }
        catch
        {
            try
            {
                _api.CloseRequest(request);
            }
            catch (EngineException)
            {
                // The submission's own failure is the one to report; the request is freed below either way.
            }
            finally
            {
                request.Dispose();
            }
            throw;
        }
    }

    public void Step(IServingEventSink sink)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _api.Run(_engine, _events);
        var count = _api.EventCount(_events);
        for (var index = 0; index < count; index++)
        {
            var engineEvent = _api.Event(_events, index);
            var flags = _api.EventFlags(engineEvent);
            var requestId = IdOf(_api.EventRequest(engineEvent));
            if ((flags & OgaEventFlags.Token) != 0)
                sink.OnToken(requestId, _api.EventToken(engineEvent));
            if ((flags & OgaEventFlags.CapacityBlocked) != 0)
                sink.OnCapacityBlocked(requestId);
            if ((flags & OgaEventFlags.Failed) != 0)
                sink.OnFailed(requestId, FailureMessage(_api.EventErrorCode(engineEvent)), (flags & OgaEventFlags.Retryable) != 0);
            if ((flags & OgaEventFlags.TurnFinished) != 0)
                sink.OnFinished(requestId, _api.EventFinishReason(engineEvent) ?? ServingFinishReason.Failed, _api.EventUsage(engineEvent));
        }
    }

    public void Cancel(int requestId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var served = Served(requestId);
        _api.CancelTurn(served.Request, served.Turn);
    }

    public void Release(int requestId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var served = Served(requestId);
        _idsByRequest.Remove(served.Request.Pointer);
        _requestsById.Remove(requestId);
        try
        {
            _api.CloseRequest(served.Request);
        }
        finally
        {
            served.Request.Dispose();
        }
    }

    /// <summary>Closes and frees every request not yet released (their undelivered events discarded), then the engine.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            foreach (var served in _requestsById.Values)
                _api.CloseRequest(served.Request);
        }
        finally
        {
            foreach (var served in _requestsById.Values)
                served.Request.Dispose();
            _requestsById.Clear();
            _idsByRequest.Clear();
            _requestOptions.Dispose();
            _events.Dispose();
            _engine.Dispose();
        }
    }

    /// <summary>The caller's id of an event's request; <see cref="IServingEventSink.NoRequest"/> for an event about no request
    /// (GenAI's Engine reports a step that could admit no queued request as a capacity-blocked event of its own).</summary>
    private int IdOf(nint request) =>
        request == 0 ? IServingEventSink.NoRequest
        : _idsByRequest.TryGetValue(request, out var id)
            ? id
            : throw new EngineException(EngineFailure.Failed, "GenAI's Engine delivered an event for a request InferBench did not submit or already released");

    private EngineRequest Served(int requestId) =>
        _requestsById.TryGetValue(requestId, out var served)
            ? served
            : throw new ArgumentException($"request {requestId} is not submitted or already released", nameof(requestId));

    private static string FailureMessage(OgaErrorCode code) => code switch
    {
        OgaErrorCode.CapacityDeferred => "GenAI's Engine deferred the request for lack of capacity",
        OgaErrorCode.ExecutionCapacityExceeded => "GenAI's Engine ran out of execution capacity for the request",
        OgaErrorCode.RetryableExecution => "GenAI's Engine failed to execute the request's step; it may succeed if tried again",
        OgaErrorCode.RequestUnserviceable => "GenAI's Engine cannot serve the request (it cannot fit the engine's limits)",
        OgaErrorCode.EngineContractFailure => "GenAI's Engine refused the request's use of its API",
        OgaErrorCode.EngineExecutionFailure => "GenAI's Engine failed executing the model",
        _ => $"GenAI's Engine failed the request (error code {(uint)code})",
    };
}
