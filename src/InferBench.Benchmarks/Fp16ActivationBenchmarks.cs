using BenchmarkDotNet.Attributes;
using InferBench.Engines;
using InferBench.Engines.GenAi;
using InferBench.Quantization;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Synthetic;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Benchmarks;

/// <summary>
/// Which activations an int4/int8 CPU variant of an fp16 model should compute in: one decode step (batch 1, after a
/// 128-token prompt) of the small synthetic preset's fp16 model quantized with fp16 activations and fp16 scales (as for
/// CUDA, but with accuracy_level 4) against the same weights with the graph widened to fp32 (what the quantizer builds
/// for CPU). Models are built on first use into the checkout's .cache/benchmark-models/fp16-activations.
/// </summary>
public class Fp16ActivationBenchmarks
{
    private const int PromptTokens = 128;
    private const int StepsPerInvoke = 16;
    private const string CacheFolder = ".cache/benchmark-models/fp16-activations";

    private Model _model = null!;
    private GeneratorParams _params = null!;
    private Generator _generator = null!;

    [Params(Precision.Int4, Precision.Int8)]
    public Precision Weights { get; set; }

    [Params(Precision.Fp32, Precision.Fp16)]
    public Precision Activations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var folder = Variant(Weights, Activations);
        _model = GenAiModelLoader.Load(folder, ExecutionProvider.Cpu, intraOpThreads: null);
        _params = new GeneratorParams(_model);
        _params.SetSearchOption("max_length", PromptTokens + StepsPerInvoke + 1);
        _params.SetSearchOption("min_length", PromptTokens + StepsPerInvoke + 1);
        _generator = new Generator(_model, _params);
        _generator.AppendTokens(PromptFactory.RandomTokens(42, new PlanPoint(1, PromptTokens, StepsPerInvoke), SyntheticModelPresets.Small.VocabSize));
    }

    [Benchmark(OperationsPerInvoke = StepsPerInvoke)]
    public void DecodeStep()
    {
        _generator.RewindTo(PromptTokens);
        for (var i = 0; i < StepsPerInvoke; i++)
            _generator.GenerateNextToken();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _generator.Dispose();
        _params.Dispose();
        _model.Dispose();
    }

    /// <summary>fp32 → fp16 → int4/int8, the CPU target widening to fp32, the CUDA target (at accuracy_level 4) keeping fp16.</summary>
    private static string Variant(Precision weights, Precision activations)
    {
        var root = Path.Combine(BenchmarkModel.Checkout(AppContext.BaseDirectory)
            ?? throw new DirectoryNotFoundException($"{AppContext.BaseDirectory} is not inside an InferBench checkout"), CacheFolder);
        var (fp32, fp16) = (Path.Combine(root, "fp32"), Path.Combine(root, "fp16"));
        if (!SyntheticModelStamp.IsCompleteFor(fp32, SyntheticModelPresets.Small))
            SyntheticModelWriter.Write(SyntheticModelPresets.Small, fp32);
        var fp16Options = new QuantizationOptions(Precision.Fp16);
        if (!QuantizationStamp.IsCompleteFor(fp16, fp32, fp16Options))
            ModelQuantizer.Quantize(fp32, fp16, fp16Options);
        var options = new QuantizationOptions(weights, AccuracyLevel: QuantizationOptions.DefaultCpuAccuracyLevel,
            Target: activations == Precision.Fp16 ? ExecutionProvider.Cuda : ExecutionProvider.Cpu);
        var folder = Path.Combine(root, $"{JsonEnumName.Of(weights)}-{JsonEnumName.Of(activations)}-activations");
        if (!QuantizationStamp.IsCompleteFor(folder, fp16, options))
            ModelQuantizer.Quantize(fp16, folder, options);
        return folder;
    }
}
