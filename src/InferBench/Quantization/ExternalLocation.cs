using System.Globalization;
using Onnx;

namespace InferBench.Quantization;

/// <summary>Where an initializer stored outside the model keeps its bytes: a file beside the model, an offset and a length.</summary>
internal sealed record ExternalLocation(string FileName, long OffsetBytes, long? LengthBytes)
{
    /// <exception cref="InputException">The entries are malformed or point outside <paramref name="modelPath"/>'s folder.</exception>
    public static ExternalLocation Of(TensorProto tensor, string modelPath)
    {
        string? fileName = null;
        var (offset, length) = (0L, (long?)null);
        foreach (var entry in tensor.ExternalData)
        {
            switch (entry.Key)
            {
                case "location": fileName = entry.Value; break;
                case "offset": offset = Number(entry.Value, tensor, modelPath); break;
                case "length": length = Number(entry.Value, tensor, modelPath); break;
            }
        }
        if (string.IsNullOrEmpty(fileName) || Path.IsPathRooted(fileName) || fileName.Split('/', '\\').Contains(".."))
            throw new InputFieldException([QuantizationOptions.SourceField], $"{modelPath}: initializer {tensor.Name} has external data location \"{fileName}\"; expected a file beside the model");
        return new ExternalLocation(fileName, offset, length);
    }

    private static long Number(string text, TensorProto tensor, string modelPath) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InputFieldException([QuantizationOptions.SourceField], $"{modelPath}: initializer {tensor.Name} has external data offset or length \"{text}\"; expected a whole number of bytes");
}
