using InferBench.Manifest;
using InferBench.Quantization;
using InferBench.Synthetic;
using InferBench.Tests.Support;

namespace InferBench.Tests.Quantization;

/// <summary>The tiny synthetic model in fp32 and its int4, int8 and fp16 variants (default options), written once per test class.</summary>
public sealed class TinyVariants : IDisposable
{
    private readonly TempFolder _temp = new();

    public TinyVariants()
    {
        Fp32 = _temp.Combine("fp32");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, Fp32);
        Stamps = new[] { Precision.Int4, Precision.Int8, Precision.Fp16 }.ToDictionary(
            precision => precision,
            precision => ModelQuantizer.Quantize(Fp32, Folder(precision), new QuantizationOptions(precision)));
    }

    public string Fp32 { get; }

    /// <summary>What <see cref="ModelQuantizer.Quantize"/> returned for each variant.</summary>
    public IReadOnlyDictionary<Precision, QuantizationStamp> Stamps { get; }

    public string Folder(Precision precision) => _temp.Combine(JsonEnumName.Of(precision));

    public void Dispose() => _temp.Dispose();
}
