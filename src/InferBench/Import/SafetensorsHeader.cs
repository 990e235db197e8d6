using System.Buffers.Binary;
using System.Text.Json;

namespace InferBench.Import;

/// <summary>
/// Reads a safetensors file's header (an 8-byte little-endian length, then that many bytes of JSON naming each tensor's
/// dtype, shape and byte range after the header) and nothing else: the tensors stay on disk until read.
/// </summary>
public static class SafetensorsHeader
{
    /// <summary>The format's own limit (safetensors refuses larger headers), which also bounds what a corrupt length can make us allocate.</summary>
    private const long MaxHeaderBytes = 100_000_000;

    /// <exception cref="InputException">The file is missing, unreadable, or not a well-formed safetensors file; the message names it and the tensor.</exception>
    public static IReadOnlyList<SafetensorsTensor> Read(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            var fileBytes = file.Length;
            Span<byte> lengthBytes = stackalloc byte[8];
            if (fileBytes < 8)
                throw Problem(path, $"{fileBytes} bytes, shorter than the 8-byte header length");
            file.ReadExactly(lengthBytes);
            var headerBytes = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
            if (headerBytes > MaxHeaderBytes || (long)headerBytes > fileBytes - 8)
                throw Problem(path, $"header length {headerBytes} bytes does not fit the file ({fileBytes} bytes)");
            var header = new byte[headerBytes];
            file.ReadExactly(header);
            return Parse(path, header, dataBytes: fileBytes - 8 - (long)headerBytes, dataStart: 8 + (long)headerBytes);
        }
        catch (FileNotFoundException)
        {
            throw new InputException($"{path}: no such file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read it: {e.Message}");
        }
    }

    private static SafetensorsTensor[] Parse(string path, byte[] header, long dataBytes, long dataStart)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw Problem(path, $"the header is not valid JSON ({e.Message})");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw Problem(path, "the header is not a JSON object");
            var tensors = new List<SafetensorsTensor>();
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                    continue;
                tensors.Add(Tensor(path, entry, dataBytes, dataStart));
            }
            return [.. tensors];
        }
    }

    private static SafetensorsTensor Tensor(string path, JsonProperty entry, long dataBytes, long dataStart)
    {
        var name = entry.Name;
        var value = entry.Value;
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || !value.TryGetProperty("data_offsets", out var offsetsElement) || offsetsElement.ValueKind != JsonValueKind.Array
            || offsetsElement.GetArrayLength() != 2)
            throw Problem(path, $"tensor {name}: needs dtype (a string), shape (an array) and data_offsets (two numbers)");
        var dtypeName = dtypeElement.GetString()!;
        if (!Enum.GetNames<SafetensorsDType>().Contains(dtypeName))
            throw Problem(path, $"tensor {name}: dtype {dtypeName} cannot be imported (F32, F16 and BF16 can)");
        var dtype = Enum.Parse<SafetensorsDType>(dtypeName);
        var shape = new List<long>();
        foreach (var dimension in shapeElement.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt64(out var size) || size < 0)
                throw Problem(path, $"tensor {name}: shape {shapeElement.GetRawText()} is not a list of sizes");
            shape.Add(size);
        }
        var offsets = offsetsElement.EnumerateArray().Select(o => o.ValueKind == JsonValueKind.Number && o.TryGetInt64(out var v) ? v : -1).ToArray();
        var tensor = new SafetensorsTensor(name, path, dtype, shape, dataStart + offsets[0]);
        if (offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataBytes)
            throw Problem(path, $"tensor {name}: data_offsets {offsetsElement.GetRawText()} lie outside the file's {dataBytes} data bytes");
        if (offsets[1] - offsets[0] != tensor.LengthBytes)
            throw Problem(path, $"tensor {name}: data_offsets {offsetsElement.GetRawText()} hold {offsets[1] - offsets[0]} bytes; {dtype} [{string.Join(", ", shape)}] takes {tensor.LengthBytes}");
        return tensor;
    }

    private static InputException Problem(string path, string problem) => new($"{path}: not a readable safetensors file: {problem}");
}
