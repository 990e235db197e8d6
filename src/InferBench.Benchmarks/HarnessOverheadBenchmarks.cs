using BenchmarkDotNet.Attributes;
using InferBench.Engines;
using InferBench.Engines.GenAi;
using InferBench.Results;
using InferBench.Runner;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Benchmarks;

/// <summary>
/// What InferBench's timing costs: decode steps through the GenAI engine's <see cref="DecodeLoop"/> against the same
/// steps as a bare GenAI loop, on one model and one generator. Both rewind to the prompt first, identically.
/// </summary>
[MemoryDiagnoser]
public class HarnessOverheadBenchmarks
{
    private const int PromptTokens = 16;
    private const int StepsPerInvoke = 64;

    private Model _model = null!;
    private GeneratorParams _params = null!;
    private Generator _generator = null!;
    private readonly long[] _stepEndTimestamps = new long[StepsPerInvoke];

    [GlobalSetup]
    public void Setup()
    {
        _model = GenAiModelLoader.Load(BenchmarkModel.FolderPath(), ExecutionProvider.Cpu, intraOpThreads: 1);
        _params = new GeneratorParams(_model);
        _params.SetSearchOption("max_length", PromptTokens + 2 * StepsPerInvoke);
        _params.SetSearchOption("min_length", PromptTokens + 2 * StepsPerInvoke);
        _generator = new Generator(_model, _params);
        _generator.AppendTokens(PromptFactory.RandomTokens(42, new PlanPoint(1, PromptTokens, StepsPerInvoke), vocabSize: 100));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = StepsPerInvoke)]
    public void BareGenAiLoop()
    {
        _generator.RewindTo(PromptTokens);
        for (var i = 0; i < StepsPerInvoke; i++)
            _generator.GenerateNextToken();
    }

    [Benchmark(OperationsPerInvoke = StepsPerInvoke)]
    public void InferBenchDecodeLoop()
    {
        _generator.RewindTo(PromptTokens);
        DecodeLoop.Run(_generator, _stepEndTimestamps);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _generator.Dispose();
        _params.Dispose();
        _model.Dispose();
    }
}
