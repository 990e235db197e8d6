using System.Runtime.InteropServices;
using InferBench.Onnx;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Quantization;

/// <summary>
/// Reads initializers of a model wherever it keeps them: raw_data, float_data, or external files beside the model,
/// which stay open until disposed. Reads one tensor at a time, so memory holds at most one weight.
/// </summary>
internal sealed class InitializerReader(string modelPath) : IDisposable
{
    private const int ChunkElements = 1 << 20;
    private readonly string _folderPath = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
    private readonly Dictionary<string, FileStream> _files = [];

    public static bool IsExternal(TensorProto tensor) => tensor.DataLocation == TensorProto.Types.DataLocation.External;

    public static long ElementCount(TensorProto tensor) => tensor.Dims.Aggregate(1L, (product, dimension) => product * dimension);

    /// <summary>The values of a float32 initializer, in row-major order.</summary>
    /// <exception cref="InputException">Its external data is missing or shorter than its shape says.</exception>
    public float[] ReadFloats(TensorProto tensor)
    {
        if (tensor.DataType != (int)DataType.Float)
            throw new ArgumentException($"initializer {tensor.Name} is {(DataType)tensor.DataType}, not float", nameof(tensor));
        var values = new float[ElementCount(tensor)];
        if (IsExternal(tensor))
        {
            var stream = Open(tensor, values.LongLength * sizeof(float));
            for (var start = 0; start < values.Length; start += ChunkElements)
                stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan(start, Math.Min(ChunkElements, values.Length - start))));
        }
        else if (tensor.RawData.Length > 0)
            MemoryMarshal.Cast<byte, float>(InlineBytes(tensor, tensor.RawData.Length, values.LongLength * sizeof(float))).CopyTo(values);
        else
        {
            InlineBytes(tensor, tensor.FloatData.Count * (long)sizeof(float), values.LongLength * sizeof(float));
            tensor.FloatData.CopyTo(values, 0);
        }
        return values;
    }

    /// <summary>Copies an external initializer's bytes, unread, into <paramref name="writer"/>.</summary>
    public ExternalDataRange CopyExternal(TensorProto tensor, ExternalDataWriter writer)
    {
        var location = ExternalLocation.Of(tensor, modelPath);
        var length = location.LengthBytes ?? throw new InputFieldException([QuantizationOptions.SourceField], $"{modelPath}: initializer {tensor.Name} has external data with no length; expected offset and length entries");
        return writer.Append(Open(tensor, length), length);
    }

    /// <summary>The external data files the model's initializers point into.</summary>
    public static IReadOnlyList<string> ExternalFileNames(ModelProto model, string modelPath) => model.Graph.Initializer
        .Where(IsExternal)
        .Select(tensor => ExternalLocation.Of(tensor, modelPath).FileName)
        .Distinct(StringComparer.Ordinal)
        .ToArray();

    public void Dispose()
    {
        foreach (var file in _files.Values)
            file.Dispose();
    }

    private ReadOnlySpan<byte> InlineBytes(TensorProto tensor, long heldBytes, long neededBytes) => heldBytes == neededBytes
        ? tensor.RawData.Span
        : throw new InputFieldException([QuantizationOptions.SourceField], $"{modelPath}: initializer {tensor.Name} holds {heldBytes} bytes; its shape needs {neededBytes}");

    /// <returns>The tensor's file, positioned at its first byte, after checking <paramref name="lengthBytes"/> fit in it.</returns>
    private FileStream Open(TensorProto tensor, long lengthBytes)
    {
        var location = ExternalLocation.Of(tensor, modelPath);
        if (location.LengthBytes is { } declared && declared != lengthBytes)
            throw new InputFieldException([QuantizationOptions.SourceField], $"{modelPath}: initializer {tensor.Name} declares {declared} bytes of external data; its shape needs {lengthBytes}");
        if (!_files.TryGetValue(location.FileName, out var stream))
        {
            var path = Path.Combine(_folderPath, location.FileName);
            if (!File.Exists(path))
                throw new InputFieldException([QuantizationOptions.SourceField], $"{path} not found ({Path.GetFileName(modelPath)} keeps initializer {tensor.Name} there)");
            _files[location.FileName] = stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20);
        }
        if (location.OffsetBytes + lengthBytes > stream.Length)
            throw new InputFieldException([QuantizationOptions.SourceField], $"{stream.Name} is {stream.Length} bytes; initializer {tensor.Name} needs bytes {location.OffsetBytes} to {location.OffsetBytes + lengthBytes}");
        stream.Position = location.OffsetBytes;
        return stream;
    }
}
