using InferBench.Engines;

namespace InferBench.Tests.Engines.GenAiServing;

/// <summary>
/// Records every event of every step, and how many requests got a token in each step (the rows the step ran); after each
/// step it releases the requests that finished in it, as a server does (on the paged path a finished request the caller
/// keeps still holds its place in the batch).
/// </summary>
public sealed class RecordingServingSink : IServingEventSink
{
    private readonly List<int> _finishedThisStep = [];
    private int _tokensThisStep;

    /// <summary>Whether <see cref="Step"/> releases the requests that finished in it.</summary>
    public bool ReleasesFinished { get; init; } = true;

    public Dictionary<int, List<int>> Tokens { get; } = [];

    public Dictionary<int, (ServingFinishReason Reason, ServingUsage Usage)> Finished { get; } = [];

    public List<int> CapacityBlocked { get; } = [];

    public List<(int RequestId, string Message, bool Retryable)> Failed { get; } = [];

    /// <summary>Token events per step that had any.</summary>
    public List<int> RowsPerStep { get; } = [];

    /// <summary>Runs <paramref name="model"/> until it has no pending work.</summary>
    /// <returns>The number of steps.</returns>
    public int Drain(IServingModel model, int maxSteps = 10_000)
    {
        var steps = 0;
        while (model.HasPendingWork)
        {
            Step(model);
            Assert.True(++steps < maxSteps, $"still pending after {maxSteps} steps");
        }
        return steps;
    }

    public void Step(IServingModel model)
    {
        _tokensThisStep = 0;
        _finishedThisStep.Clear();
        model.Step(this);
        if (_tokensThisStep > 0)
            RowsPerStep.Add(_tokensThisStep);
        if (ReleasesFinished)
            foreach (var requestId in _finishedThisStep)
                model.Release(requestId);
    }

    public void OnToken(int requestId, int tokenId)
    {
        _tokensThisStep++;
        if (!Tokens.TryGetValue(requestId, out var tokens))
            Tokens[requestId] = tokens = [];
        tokens.Add(tokenId);
    }

    public void OnFinished(int requestId, ServingFinishReason reason, ServingUsage usage)
    {
        Finished.Add(requestId, (reason, usage));
        _finishedThisStep.Add(requestId);
    }

    public void OnCapacityBlocked(int requestId) => CapacityBlocked.Add(requestId);

    public void OnFailed(int requestId, string message, bool retryable) => Failed.Add((requestId, message, retryable));
}
