namespace InferBench.Quantization;

/// <summary>
/// A node of the source model that the quantizer cannot turn into MatMulNBits, and why: the variant cannot be made. A
/// benchmark row for it is <c>unsupported</c> with this message; <c>models quantize</c> exits 2 with it.
/// </summary>
public sealed class UnsupportedLayoutException(string decoderPath, string nodeName, string reason)
    : InputFieldException([QuantizationOptions.SourceField], $"{decoderPath}: node {(nodeName.Length > 0 ? nodeName : "(unnamed)")} cannot be quantized: {reason}")
{
    public string NodeName { get; } = nodeName;

    public string Reason { get; } = reason;
}
