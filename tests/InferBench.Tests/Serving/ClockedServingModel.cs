using InferBench.Engines;
using InferBench.Results;
using InferBench.Tests.Support;

namespace InferBench.Tests.Serving;

/// <summary>
/// A serving model with no runtime behind it, on a fake clock: each step admits queued requests in order up to its batch
/// limit, moves the clock by <see cref="StepTime"/> and gives every running request one token; a request ends with its
/// asked output. A step after a cancel only delivers the cancellations. It is also its own engine.
/// </summary>
internal sealed class ClockedServingModel(FakeClock clock, TimeSpan stepTime, int maxBatch) : IServingModel, IServingEngine
{
    private readonly Queue<Request> _queued = new();
    private readonly List<Request> _running = [];
    private readonly List<int> _cancelled = [];

    public TimeSpan StepTime { get; } = stepTime;
    public bool ReusesPromptPrefix { get; init; } = true;
    public long? MaxRequestLength { get; init; }

    /// <summary>How far the clock moves while a request is submitted (the harness's own time between steps).</summary>
    public TimeSpan SubmitTime { get; init; }

    /// <summary>What <see cref="Load"/> throws; null: it loads.</summary>
    public EngineException? LoadFailure { get; init; }

    /// <summary>Called after every step with the number of steps so far (a test cancels the run from it).</summary>
    public Action<int>? AfterStep { get; init; }

    /// <summary>The request ids whose turn fails at their first step, with a message.</summary>
    public Func<int, bool> Fails { get; init; } = _ => false;

    public List<(int Id, int[] Prompt, int OutputTokens)> Submissions { get; } = [];
    public List<int> Released { get; } = [];
    public int Steps { get; private set; }
    public int Loads { get; private set; }

    public string Name => "clocked";
    public string Description => "a test double that steps on a fake clock";

    public ServingCapabilities Capabilities => new("clocked", "dynamic", maxBatch, maxBatch, null, MaxRequestLength, ReusesPromptPrefix, []);

    public IServingModel Load(string folderPath, ExecutionProvider executionProvider, int? intraOpThreads, IReadOnlyList<ProviderOption>? providerOptions,
        ServingEngineSettings settings)
    {
        Loads++;
        return LoadFailure is null ? this : throw LoadFailure;
    }

    public bool HasPendingWork => _queued.Count > 0 || _running.Count > 0 || _cancelled.Count > 0;

    public void Submit(int requestId, ReadOnlySpan<int> promptTokens, int outputTokens)
    {
        clock.Advance(SubmitTime);
        Submissions.Add((requestId, promptTokens.ToArray(), outputTokens));
        _queued.Enqueue(new Request(requestId, promptTokens.Length, outputTokens, CachedPrefix(promptTokens)));
    }

    public void Step(IServingEventSink sink)
    {
        Steps++;
        if (_cancelled.Count > 0)
        {
            foreach (var id in _cancelled)
                sink.OnFinished(id, ServingFinishReason.Cancelled, default);
            _cancelled.Clear();
        }
        else
        {
            while (_running.Count < maxBatch && _queued.TryDequeue(out var next))
                _running.Add(next);
            clock.Advance(StepTime);
            foreach (var request in _running.ToArray())
            {
                if (Fails(request.Id))
                {
                    sink.OnFailed(request.Id, "scripted failure\nsecond line", retryable: false);
                    _running.Remove(request);
                    continue;
                }
                sink.OnToken(request.Id, 1);
                if (++request.Generated < request.OutputTokens)
                    continue;
                sink.OnFinished(request.Id, ServingFinishReason.MaxGeneratedTokens, new ServingUsage(request.PromptTokens, request.Generated, request.CachedPromptTokens));
                _running.Remove(request);
            }
        }
        AfterStep?.Invoke(Steps);
    }

    public void Cancel(int requestId)
    {
        var removed = _running.RemoveAll(r => r.Id == requestId) + _queued.Count(r => r.Id == requestId);
        var kept = _queued.Where(r => r.Id != requestId).ToArray();
        _queued.Clear();
        foreach (var request in kept)
            _queued.Enqueue(request);
        if (removed > 0)
            _cancelled.Add(requestId);
    }

    public void Release(int requestId) => Released.Add(requestId);

    public void Dispose()
    {
    }

    /// <summary>The tokens this prompt shares with the one submitted before it, where the model reuses a prefix.</summary>
    private long CachedPrefix(ReadOnlySpan<int> prompt)
    {
        if (!ReusesPromptPrefix || Submissions.Count < 2)
            return 0;
        var previous = Submissions[^2].Prompt;
        var shared = 0;
        while (shared < prompt.Length && shared < previous.Length && prompt[shared] == previous[shared])
            shared++;
        return shared;
    }

    private sealed class Request(int id, int promptTokens, int outputTokens, long cachedPromptTokens)
    {
        public int Id { get; } = id;
        public int PromptTokens { get; } = promptTokens;
        public int OutputTokens { get; } = outputTokens;
        public long CachedPromptTokens { get; } = cachedPromptTokens;
        public int Generated { get; set; }
    }
}
