using InferBench.Engines;

namespace InferBench.Tests.Engines.GenAiServing;

/// <summary>Records every event of every step, and how many requests got a token in each step (the rows the step ran).</summary>
public sealed class RecordingServingSink : IServingEventSink
{
    private int _tokensThisStep;

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
        model.Step(this);
        if (_tokensThisStep > 0)
            RowsPerStep.Add(_tokensThisStep);
    }

    public void OnToken(int requestId, int tokenId)
    {
        _tokensThisStep++;
        if (!Tokens.TryGetValue(requestId, out var tokens))
            Tokens[requestId] = tokens = [];
        tokens.Add(tokenId);
    }

    public void OnFinished(int requestId, ServingFinishReason reason, ServingUsage usage) => Finished.Add(requestId, (reason, usage));

    public void OnCapacityBlocked(int requestId) => CapacityBlocked.Add(requestId);

    public void OnFailed(int requestId, string message, bool retryable) => Failed.Add((requestId, message, retryable));
}
