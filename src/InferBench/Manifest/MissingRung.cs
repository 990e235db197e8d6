using InferBench.Results;

namespace InferBench.Manifest;

/// <summary>A precision a model has no variant of for a provider, and why (see <see cref="QuantizationLadder"/>).</summary>
public sealed record MissingRung(ExecutionProvider ExecutionProvider, Precision Precision, string Why)
{
    public override string ToString() => $"{JsonEnumName.Of(ExecutionProvider)} {JsonEnumName.Of(Precision)}: {Why}";
}
