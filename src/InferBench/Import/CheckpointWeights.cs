using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace InferBench.Import;

/// <summary>
/// A checkpoint's tensors by name, from model.safetensors or the shards model.safetensors.index.json lists; read one at
/// a time as float32, straight from each tensor's byte range.
/// </summary>
public sealed class CheckpointWeights
{
    public const string SingleFileName = "model.safetensors";
    public const string IndexFileName = "model.safetensors.index.json";
    private readonly Dictionary<string, SafetensorsTensor> _byName;

    private CheckpointWeights(Dictionary<string, SafetensorsTensor> byName, IReadOnlyList<string> files)
    {
        _byName = byName;
        Files = files;
    }

    /// <summary>The safetensors files read, by file name.</summary>
    public IReadOnlyList<string> Files { get; }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <exception cref="InputException">Neither model.safetensors nor the index is there, or a file is malformed; the message names it.</exception>
    public static CheckpointWeights Open(string folderPath)
    {
        var indexPath = Path.Combine(folderPath, IndexFileName);
        if (CheckpointFile.Exists(indexPath))
            return OpenShards(folderPath, indexPath);
        var singlePath = Path.Combine(folderPath, SingleFileName);
        if (!CheckpointFile.Exists(singlePath))
            throw new InputException($"{folderPath}: no {SingleFileName} or {IndexFileName} (the importer reads safetensors weights)");
        return new CheckpointWeights(SafetensorsHeader.Read(singlePath).ToDictionary(t => t.Name), [SingleFileName]);
    }

    private static CheckpointWeights OpenShards(string folderPath, string indexPath)
    {
        Dictionary<string, string> weightMap;
        try
        {
            using var index = JsonDocument.Parse(File.ReadAllBytes(indexPath), JsonFields.NoDuplicateKeys);
            if (index.RootElement.ValueKind != JsonValueKind.Object)
                throw new InputException($"{indexPath}: not a JSON object");
            if (!index.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
                throw new InputException($"{indexPath}: weight_map: missing or not an object of tensor name to file name");
            weightMap = [];
            foreach (var entry in map.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.String || entry.Value.GetString() is not { Length: > 0 } file
                    || Path.GetFileName(file) != file || file is "." or "..")
                    throw new InputException($"{indexPath}: weight_map.{entry.Name}: {entry.Value.GetRawText()} is not a file name in the checkpoint folder");
                if (!weightMap.TryAdd(entry.Name, file))
                    throw new InputException($"{indexPath}: weight_map.{entry.Name}: listed twice");
            }
            if (weightMap.Count == 0)
                throw new InputException($"{indexPath}: weight_map: empty; it lists no tensor");
        }
        catch (JsonException e)
        {
            throw new InputException($"{indexPath}: not valid JSON ({e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{indexPath}: cannot read it: {e.Message}");
        }

        var files = weightMap.Values.Distinct().Order(StringComparer.Ordinal).ToArray();
        var byName = new Dictionary<string, SafetensorsTensor>();
        foreach (var file in files)
            foreach (var tensor in SafetensorsHeader.Read(Path.Combine(folderPath, file)))
            {
                if (byName.TryGetValue(tensor.Name, out var first))
                    throw new InputException($"{indexPath}: tensor {tensor.Name} is in both {Path.GetFileName(first.FilePath)} and {file}");
                if (!weightMap.TryGetValue(tensor.Name, out var listedFile))
                    throw new InputException($"{indexPath}: weight_map does not list tensor {tensor.Name}, which {file} holds; importing would drop it");
                if (listedFile != file)
                    throw new InputException($"{indexPath}: weight_map.{tensor.Name}: {listedFile}, but {file} holds it");
                byName[tensor.Name] = tensor;
            }
        if (weightMap.FirstOrDefault(entry => !byName.ContainsKey(entry.Key)) is { Key: not null } missing)
            throw new InputException($"{indexPath}: weight_map.{missing.Key}: {missing.Value} holds no such tensor");
        return new CheckpointWeights(byName, files);
    }

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <exception cref="InputException">No such tensor in the checkpoint.</exception>
    public SafetensorsTensor this[string name] => _byName.TryGetValue(name, out var tensor)
        ? tensor
        : throw new InputException($"the checkpoint has no tensor {name} ({string.Join(", ", Files)})");

    /// <summary>
    /// The tensor's values from element <paramref name="firstElement"/> on, widened to float32, into <paramref name="destination"/>
    /// (as many as it holds).
    /// </summary>
    public static void Read(SafetensorsTensor tensor, long firstElement, Span<float> destination)
    {
        if (tensor.DType == SafetensorsDType.F32)
        {
            ReadStored(tensor, firstElement, MemoryMarshal.AsBytes(destination));
            return;
        }
        // Half-width values land in the upper half of the destination, then widen forward into it: element i is read from
        // byte 2i + 2n of the span before float i (bytes 4i..4i+3) is written, so nothing is overwritten before it is read.
        var halves = MemoryMarshal.Cast<byte, ushort>(MemoryMarshal.AsBytes(destination)[(2 * destination.Length)..]);
        ReadStored(tensor, firstElement, MemoryMarshal.AsBytes(halves));
        Widen(tensor.DType, halves, destination);
    }

    /// <summary>The tensor's bytes as stored, from element <paramref name="firstElement"/> on, into <paramref name="destination"/> (as many as it holds).</summary>
    public static void ReadStored(SafetensorsTensor tensor, long firstElement, Span<byte> destination)
    {
        using var handle = File.OpenHandle(tensor.FilePath);
        ReadExactly(handle, tensor, destination, tensor.OffsetBytes + firstElement * tensor.ElementBytes);
    }

    /// <summary>F16 or BF16 values (as their bits) widened exactly to float32, in order; <paramref name="destination"/> may overlay the source's end.</summary>
    public static void Widen(SafetensorsDType dtype, ReadOnlySpan<ushort> halves, Span<float> destination)
    {
        if (dtype == SafetensorsDType.BF16)
            for (var i = 0; i < destination.Length; i++)
                destination[i] = BitConverter.Int32BitsToSingle(halves[i] << 16);
        else
            for (var i = 0; i < destination.Length; i++)
                destination[i] = (float)BitConverter.UInt16BitsToHalf(halves[i]);
    }

    private static void ReadExactly(SafeFileHandle handle, SafetensorsTensor tensor, Span<byte> buffer, long offset)
    {
        while (buffer.Length > 0)
        {
            var read = RandomAccess.Read(handle, buffer, offset);
            if (read == 0)
                throw new InputException($"{tensor}: the file ends inside the tensor's bytes");
            buffer = buffer[read..];
            offset += read;
        }
    }
}
