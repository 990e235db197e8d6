using InferBench.Results;

namespace InferBench.Manifest;

/// <summary>
/// The rungs a model should have for each provider so quantization levels can be compared on the same weights: fp16
/// (the reference on a GPU), int8 and int4 for cuda; int8 and int4 for cpu (its reference is whatever full-precision
/// variant the model has). A rung no variant provides is missing, with the reason: nothing to derive it from (a model
/// published only as int4 cannot be made finer), or simply not listed.
/// </summary>
public static class QuantizationLadder
{
    private static readonly (ExecutionProvider Provider, Precision Precision)[] Rungs =
    [
        (ExecutionProvider.Cuda, Precision.Fp16),
        (ExecutionProvider.Cuda, Precision.Int8),
        (ExecutionProvider.Cuda, Precision.Int4),
        (ExecutionProvider.Cpu, Precision.Int8),
        (ExecutionProvider.Cpu, Precision.Int4),
    ];

    public static IReadOnlyList<MissingRung> MissingRungs(ManifestModel model)
    {
        var fullPrecision = model.Variants.FirstOrDefault(v => v.Precision is Precision.Fp16 or Precision.Fp32 && v.Source is not DerivedModelSource);
        return Rungs
            .Where(rung => !model.Variants.Any(v => v.Precision == rung.Precision && v.ExecutionProviders.Contains(rung.Provider)))
            .Select(rung => new MissingRung(rung.Provider, rung.Precision, fullPrecision is null
                ? "no fp16 or fp32 variant in the manifest to derive it from (published only as "
                  + string.Join(", ", model.Variants.Select(v => JsonEnumName.Of(v.Precision)).Distinct()) + ")"
                : $"not in the manifest; it can be derived from {fullPrecision.Id}"))
            .ToArray();
    }
}
