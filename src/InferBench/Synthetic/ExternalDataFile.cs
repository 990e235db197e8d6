using System.Runtime.InteropServices;
using InferBench.Onnx;

namespace InferBench.Synthetic;

/// <summary>Writes every weight, one tensor at a time, into the external data file the ONNX model points into.</summary>
internal static class ExternalDataFile
{
    /// <returns>Where each tensor's bytes are, by tensor name.</returns>
    public static IReadOnlyDictionary<string, ExternalDataRange> Write(SyntheticWeights weights, Stream stream, CancellationToken cancellation)
    {
        var writer = new ExternalDataWriter(stream, cancellation);
        return weights.Tensors.ToDictionary(
            tensor => tensor.Name,
            tensor => writer.Append(MemoryMarshal.AsBytes(weights.Values(tensor).AsSpan())));
    }
}
