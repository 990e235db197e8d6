using System.Runtime.InteropServices;
using InferBench.Onnx;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace InferBench.Quantization;

/// <summary>
/// Reads float32 and float16 initializers of a model wherever it keeps them (raw_data, float_data or int32_data, or
/// external files beside the model, which stay open until disposed), as float32, a range of elements at a time: memory
/// holds the piece being read, never a whole weight, so a 14 GB model quantizes in a few hundred MB.
/// </summary>
internal sealed class InitializerReader(string modelPath) : IDisposable
{
    /// <summary>Elements per piece when a whole tensor is streamed: 4 MiB of float32.</summary>
    public const int ChunkElements = 1 << 20;

    private readonly string _folderPath = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
    private readonly Dictionary<string, FileStream> _files = [];
    private byte[] _buffer = [];

    public static bool IsExternal(TensorProto tensor) => tensor.DataLocation == TensorProto.Types.DataLocation.External;

    public static long ElementCount(TensorProto tensor) => tensor.Dims.Aggregate(1L, (product, dimension) => product * dimension);

    /// <summary>True for the element types this reader widens to float32: float32 and float16.</summary>
    public static bool IsReadable(TensorProto tensor) => tensor.DataType is (int)DataType.Float or (int)DataType.Float16;

    /// <summary>The values of a float32 or float16 initializer, in row-major order, as float32.</summary>
    /// <exception cref="InputException">Its external data is missing or shorter than its shape says.</exception>
    public float[] ReadFloats(TensorProto tensor)
    {
        var values = new float[ElementCount(tensor)];
        for (long start = 0; start < values.LongLength; start += ChunkElements)
            Read(tensor, start, values.AsSpan((int)start, (int)Math.Min(ChunkElements, values.LongLength - start)));
        return values;
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with the tensor's elements from <paramref name="firstElement"/> on (row-major),
    /// widened to float32. Offsets are 64-bit throughout: a single data file of a 7B fp16 model is ~14.5 GB.
    /// </summary>
    /// <exception cref="InputException">Its external data is missing or shorter than its shape says.</exception>
    public void Read(TensorProto tensor, long firstElement, Span<float> destination)
    {
        var elementBytes = ElementBytes(tensor);
        var byteCount = destination.Length * elementBytes;
        if (IsExternal(tensor))
        {
            var stream = Open(tensor, ElementCount(tensor) * elementBytes, firstElement * elementBytes);
            if (_buffer.Length < byteCount)
                _buffer = new byte[byteCount];
            stream.ReadExactly(_buffer, 0, byteCount);
            Widen(tensor, _buffer.AsSpan(0, byteCount), destination);
        }
        else if (tensor.RawData.Length > 0)
            Widen(tensor, InlineBytes(tensor, tensor.RawData.Length, ElementCount(tensor) * elementBytes).Slice((int)(firstElement * elementBytes), byteCount), destination);
        else if (tensor.DataType == (int)DataType.Float)
        {
            InlineBytes(tensor, tensor.FloatData.Count * (long)sizeof(float), ElementCount(tensor) * sizeof(float));
            for (var i = 0; i < destination.Length; i++)
                destination[i] = tensor.FloatData[(int)firstElement + i];
        }
        else
        {
            // ONNX keeps float16 values outside raw_data one per int32_data entry, as their 16 bits.
            InlineBytes(tensor, tensor.Int32Data.Count * 2L, ElementCount(tensor) * 2);
            for (var i = 0; i < destination.Length; i++)
                destination[i] = (float)BitConverter.UInt16BitsToHalf((ushort)tensor.Int32Data[(int)firstElement + i]);
        }
    }

    /// <summary>Copies an external initializer's bytes, unread, into <paramref name="writer"/>.</summary>
    public ExternalDataRange CopyExternal(TensorProto tensor, ExternalDataWriter writer)
    {
        var location = ExternalLocation.Of(tensor, modelPath);
        var length = location.LengthBytes ?? throw new InputFieldException([QuantizationOptions.SourceField], $"{modelPath}: initializer {tensor.Name} has external data with no length; expected offset and length entries");
        return writer.Append(Open(tensor, length, 0), length);
    }

    /// <summary>
    /// Writes a float32 or float16 initializer into <paramref name="writer"/> as <paramref name="type"/> (float32 or
    /// float16), a piece at a time.
    /// </summary>
    public ExternalDataRange CopyConverted(TensorProto tensor, DataType type, ExternalDataWriter writer)
    {
        var count = ElementCount(tensor);
        var values = new float[(int)Math.Min(ChunkElements, count)];
        var offset = writer.Begin();
        for (long start = 0; start < count; start += values.Length)
        {
            var piece = values.AsSpan(0, (int)Math.Min(values.Length, count - start));
            Read(tensor, start, piece);
            if (type == DataType.Float16)
                writer.Write(FloatTypes.ToFloat16Bytes(piece));
            else
                writer.Write(MemoryMarshal.AsBytes(piece));
        }
        return writer.End(offset);
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

    private static int ElementBytes(TensorProto tensor) => tensor.DataType switch
    {
        (int)DataType.Float => sizeof(float),
        (int)DataType.Float16 => 2,
        _ => throw new ArgumentException($"initializer {tensor.Name} is {(DataType)tensor.DataType}, not float or float16", nameof(tensor)),
    };

    private static void Widen(TensorProto tensor, ReadOnlySpan<byte> bytes, Span<float> destination)
    {
        if (tensor.DataType == (int)DataType.Float)
            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination);
        else
        {
            var halves = MemoryMarshal.Cast<byte, Half>(bytes);
            for (var i = 0; i < destination.Length; i++)
                destination[i] = (float)halves[i];
        }
    }

    private ReadOnlySpan<byte> InlineBytes(TensorProto tensor, long heldBytes, long neededBytes) => heldBytes == neededBytes
        ? tensor.RawData.Span
        : throw new InputFieldException([QuantizationOptions.SourceField], $"{modelPath}: initializer {tensor.Name} holds {heldBytes} bytes; its shape needs {neededBytes}");

    /// <returns>
    /// The tensor's file, positioned <paramref name="skipBytes"/> past its first byte, after checking the tensor's
    /// <paramref name="lengthBytes"/> fit in the file.
    /// </returns>
    private FileStream Open(TensorProto tensor, long lengthBytes, long skipBytes)
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
        var position = location.OffsetBytes + skipBytes;
        if (stream.Position != position)
            stream.Position = position;
        return stream;
    }
}
