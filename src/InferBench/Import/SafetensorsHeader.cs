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
        if (!CheckpointFile.Exists(path))
            throw new InputException($"{path}: no such file");
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
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (!names.Add(entry.Name))
                    throw Problem(path, $"{entry.Name} appears twice in the header");
                if (entry.Name == "__metadata__")
                    CheckMetadata(path, entry.Value);
                else
                    tensors.Add(Tensor(path, entry, dataBytes, dataStart));
            }
            CheckNoOverlap(path, tensors);
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
        if (offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataBytes)
            throw Problem(path, $"tensor {name}: data_offsets {offsetsElement.GetRawText()} lie outside the file's {dataBytes} data bytes");
        if (!shape.Contains(0) && shape.Aggregate((Int128)(dtype == SafetensorsDType.F32 ? 4 : 2), (product, dimension) => Int128.Min(product * dimension, long.MaxValue)) >= long.MaxValue)
            throw Problem(path, $"tensor {name}: shape {shapeElement.GetRawText()} holds too many values (its byte count overflows 64 bits)");
        var tensor = new SafetensorsTensor(name, path, dtype, shape, dataStart + offsets[0]);
        if (offsets[1] - offsets[0] != tensor.LengthBytes)
            throw Problem(path, $"tensor {name}: data_offsets {offsetsElement.GetRawText()} hold {offsets[1] - offsets[0]} bytes; {dtype} [{string.Join(", ", shape)}] takes {tensor.LengthBytes}");
        return tensor;
    }

    /// <summary>The format's __metadata__ is an object of strings.</summary>
    private static void CheckMetadata(string path, JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object || metadata.EnumerateObject().Any(entry => entry.Value.ValueKind != JsonValueKind.String))
            throw Problem(path, $"__metadata__ is not an object of strings: {metadata.GetRawText()}");
    }

    /// <summary>Each tensor's bytes are its own: two tensors sharing bytes would be one tensor read twice.</summary>
    private static void CheckNoOverlap(string path, List<SafetensorsTensor> tensors)
    {
        var byOffset = tensors.Where(t => t.LengthBytes > 0).OrderBy(t => t.OffsetBytes).ToArray();
        for (var i = 1; i < byOffset.Length; i++)
            if (byOffset[i].OffsetBytes < byOffset[i - 1].OffsetBytes + byOffset[i - 1].LengthBytes)
                throw Problem(path, $"tensors {byOffset[i - 1].Name} and {byOffset[i].Name}: their data_offsets overlap");
    }

    private static InputException Problem(string path, string problem) => new($"{path}: not a readable safetensors file: {problem}");
}
