using InferBench.Engines.GenAi;
using InferBench.Models;
using InferBench.Quantization;
using InferBench.Results;
using InferBench.Synthetic;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Tests.Support;

/// <summary>
/// The tiny synthetic preset written once per test class: its fp32 folder and weights, and, each made on first use,
/// the model loaded by GenAI and the int4, int8 and fp16 variants (default options).
/// </summary>
public sealed class TinySyntheticModel : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly Lazy<Model> _model;
    private readonly Lazy<IReadOnlyDictionary<Precision, QuantizationStamp>> _stamps;

    public TinySyntheticModel()
    {
        Fp32 = _temp.Combine("fp32");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, Fp32);
        Weights = new SyntheticWeights(SyntheticModelPresets.Tiny);
        _model = new(() => GenAiModelLoader.Load(Fp32, ExecutionProvider.Cpu, intraOpThreads: 1));
        _stamps = new(() => new[] { Precision.Int4, Precision.Int8, Precision.Fp16 }.ToDictionary(
            precision => precision,
            precision => ModelQuantizer.Quantize(Fp32, VariantPath(precision), new QuantizationOptions(precision))));
    }

    /// <summary>The fp32 model folder.</summary>
    public string Fp32 { get; }

    public SyntheticWeights Weights { get; }

    public Model Model => _model.Value;

    /// <summary>What <see cref="ModelQuantizer.Quantize"/> returned for each variant.</summary>
    public IReadOnlyDictionary<Precision, QuantizationStamp> Stamps => _stamps.Value;

    /// <summary>The variant's folder, quantized on first use.</summary>
    public string Folder(Precision precision) => Stamps.ContainsKey(precision)
        ? VariantPath(precision)
        : throw new ArgumentOutOfRangeException(nameof(precision), precision, "the fixture makes int4, int8 and fp16 variants");

    private string VariantPath(Precision precision) => _temp.Combine(JsonEnumName.Of(precision));

    public void Dispose()
    {
        if (_model.IsValueCreated)
            _model.Value.Dispose();
        _temp.Dispose();
    }
}
