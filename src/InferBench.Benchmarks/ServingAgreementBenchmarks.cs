using BenchmarkDotNet.Attributes;
using InferBench.Engines;
using InferBench.Results;
using InferBench.Runner;

namespace InferBench.Benchmarks;

/// <summary>
/// Whether serving one request at a time on GenAI's Engine costs what one generation of batch 1 costs on its Generator:
/// the same model, prompt and output length through both seams, so the ratio column should read 1 within noise
/// (issue 26's concurrency-1 vs batch-1 check). Each invocation is a whole request: prefill, then every output token.
/// </summary>
[MemoryDiagnoser]
public class ServingAgreementBenchmarks
{
    private const int PromptTokens = 64;
    private const int GenTokens = 32;
    private const int RequestId = 1;

    private IEngineModel _generatorModel = null!;
    private IRepetitionRunner _generator = null!;
    private IServingModel _servingModel = null!;
    private int[] _prompt = null!;
    private readonly DiscardingSink _sink = new();

    [GlobalSetup]
    public void Setup()
    {
        var folder = BenchmarkModel.LlamaFolderPath();
        var point = new PlanPoint(1, PromptTokens, GenTokens);
        _prompt = PromptFactory.RandomTokens(42, point, vocabSize: 512);
        _generatorModel = InferenceEngines.Default.Load(folder, ExecutionProvider.Cpu, intraOpThreads: null);
        _generator = _generatorModel.RepetitionRunner(point, meter: null);
        _servingModel = InferenceEngines.Serving[0].Load(folder, ExecutionProvider.Cpu, intraOpThreads: null, providerOptions: null, ServingEngineSettings.Default);
    }

    [Benchmark(Baseline = true)]
    public RepetitionSample GeneratorBatch1() => _generator.Run(_prompt, RepetitionPhase.Measured, iteration: 0);

    [Benchmark]
    public int EngineConcurrency1()
    {
        _servingModel.Submit(RequestId, _prompt, GenTokens);
        while (_servingModel.HasPendingWork)
            _servingModel.Step(_sink);
        _servingModel.Release(RequestId);
        return _sink.Tokens;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _servingModel.Dispose();
        _generatorModel.Dispose();
    }

    private sealed class DiscardingSink : IServingEventSink
    {
        public int Tokens { get; private set; }

        public void OnToken(int requestId, int tokenId) => Tokens++;

        public void OnFinished(int requestId, ServingFinishReason reason, ServingUsage usage) { }

        public void OnCapacityBlocked(int requestId) { }

        public void OnFailed(int requestId, string message, bool retryable) =>
            throw new InvalidOperationException($"request {requestId} failed: {message}");
    }
}
