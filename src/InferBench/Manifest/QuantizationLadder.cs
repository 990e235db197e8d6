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
        var fullPrecision = FullPrecision(model);
        return Rungs
            .Where(rung => !model.Variants.Any(v => v.Precision == rung.Precision && v.ExecutionProviders.Contains(rung.Provider)))
            .Select(rung => new MissingRung(rung.Provider, rung.Precision, fullPrecision is null
                ? CannotDerive(model)
                : $"not in the manifest; it can be derived from {fullPrecision.Id}"))
            .ToArray();
    }

    /// <summary>
    /// What each row of <paramref name="model"/> says about the rungs it lacks, where they cannot be derived (no fp16 or
    /// fp32 variant); null when there are none such. Rungs that could be derived are left to <c>inferbench list</c>.
    /// </summary>
    public static string? RowNote(ManifestModel model)
    {
        if (FullPrecision(model) is not null || MissingRungs(model) is not { Count: > 0 } missing)
            return null;
        var rungs = string.Join(", ", missing.Select(rung => $"{JsonEnumName.Of(rung.ExecutionProvider)} {JsonEnumName.Of(rung.Precision)}"));
        return $"no {rungs} variant of this model to compare with: {CannotDerive(model)}";
    }

    private static ManifestVariant? FullPrecision(ManifestModel model) =>
        model.Variants.FirstOrDefault(v => v.Precision is Precision.Fp16 or Precision.Fp32 && v.Source is not DerivedModelSource);

    private static string CannotDerive(ManifestModel model) =>
        "no fp16 or fp32 variant in the manifest to derive it from (published only as "
        + string.Join(", ", model.Variants.Select(v => JsonEnumName.Of(v.Precision)).Distinct()) + ")";
}
