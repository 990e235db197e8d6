using System.Runtime.InteropServices;

namespace InferBench.Synthetic;

/// <summary>Writes every weight, one tensor at a time, into the external data file the ONNX model points into.</summary>
internal static class ExternalDataFile
{
    /// <summary>Each tensor starts on a 4 KiB boundary, so ONNX Runtime can map it straight from the file.</summary>
    private const int AlignmentBytes = 4096;

    /// <returns>Where each tensor's bytes are, by tensor name.</returns>
    public static IReadOnlyDictionary<string, ExternalDataRange> Write(SyntheticWeights weights, Stream stream)
    {
        // External data is little-endian; so is every platform .NET runs on today, and we write the floats as they are in memory.
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("writing ONNX external data needs a little-endian machine");
        var ranges = new Dictionary<string, ExternalDataRange>();
        var padding = new byte[AlignmentBytes];
        var position = 0L;
        foreach (var tensor in weights.Tensors)
        {
            var gap = (int)((AlignmentBytes - position % AlignmentBytes) % AlignmentBytes);
            stream.Write(padding, 0, gap);
            position += gap;
            stream.Write(MemoryMarshal.AsBytes(weights.Values(tensor).AsSpan()));
            ranges.Add(tensor.Name, new ExternalDataRange(position, tensor.ByteCount));
            position += tensor.ByteCount;
        }
        return ranges;
    }
}
