using InferBench.Quantization;
using InferBench.Results;

namespace InferBench.Manifest;

/// <summary>
/// A variant InferBench makes from another variant of the same model with its own quantizer, on first use. The
/// variant's <see cref="ManifestVariant.Precision"/> is what it is made into; it is made for the first of its
/// <see cref="ManifestVariant.ExecutionProviders"/>. Settings left out take the quantizer's defaults for that provider.
/// </summary>
/// <param name="From">The id of the variant of the same model it is made from: fp32 or fp16, and not derived itself.</param>
/// <param name="BlockSize">int4/int8: weights along K sharing one scale; null: 32.</param>
/// <param name="Symmetric">int4/int8: no zero points; null: true.</param>
/// <param name="AccuracyLevel">int4/int8: MatMulNBits accuracy_level; null: the provider's (4 for cpu, 0 for cuda).</param>
/// <param name="QuantizeLmHead">int4/int8: also quantize the MatMul producing the logits; null: true.</param>
public sealed record DerivedModelSource(
    string From,
    int? BlockSize = null,
    bool? Symmetric = null,
    int? AccuracyLevel = null,
    bool? QuantizeLmHead = null) : ModelSource
{
    /// <summary>The quantizer's options for a variant of <paramref name="precision"/> made for <paramref name="target"/>.</summary>
    public QuantizationOptions Options(Precision precision, ExecutionProvider target) => new(
        precision,
        BlockSize ?? QuantizationOptions.DefaultBlockSizeElements,
        Symmetric ?? true,
        AccuracyLevel,
        QuantizeLmHead ?? true,
        target);

    /// <summary>"from cuda-fp16, int4 block 32 symmetric": what the variant is made from and how, for listings.</summary>
    public string Describe(Precision precision)
    {
        if (precision == Precision.Fp16)
            return $"from {From}, fp16";
        var settings = new List<string> { $"block {BlockSize ?? QuantizationOptions.DefaultBlockSizeElements}" };
        settings.Add(Symmetric ?? true ? "symmetric" : "asymmetric");
        if (AccuracyLevel is { } level)
            settings.Add($"accuracy_level {level}");
        if (QuantizeLmHead == false)
            settings.Add("lm_head kept");
        return $"from {From}, {JsonEnumName.Of(precision)} {string.Join(" ", settings)}";
    }
}
