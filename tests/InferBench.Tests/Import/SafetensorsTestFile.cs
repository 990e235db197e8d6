using System.Text;
using System.Text.Json.Nodes;
using InferBench.Import;

namespace InferBench.Tests.Import;

/// <summary>Writes a safetensors file from float32 values, each tensor stored as F32, F16 or BF16 (rounded to nearest even).</summary>
public static class SafetensorsTestFile
{
    public sealed record Tensor(string Name, SafetensorsDType DType, long[] Shape, float[] Values);

    public static void Write(string path, IEnumerable<Tensor> tensors)
    {
        var header = new JsonObject { ["__metadata__"] = new JsonObject { ["format"] = "pt" } };
        using var data = new MemoryStream();
        foreach (var tensor in tensors)
        {
            var begin = data.Position;
            data.Write(Encode(tensor.DType, tensor.Values));
            header[tensor.Name] = new JsonObject
            {
                ["dtype"] = tensor.DType.ToString(),
                ["shape"] = new JsonArray([.. tensor.Shape.Select(d => (JsonNode)d)]),
                ["data_offsets"] = new JsonArray(begin, data.Position),
            };
        }
        WriteRaw(path, Encoding.UTF8.GetBytes(header.ToJsonString()), data.ToArray());
    }

    /// <summary>A file of the 8-byte header length, the header bytes as given and the data: for malformed headers.</summary>
    public static void WriteRaw(string path, byte[] header, byte[] data)
    {
        using var file = File.Create(path);
        file.Write(BitConverter.GetBytes((ulong)header.Length));
        file.Write(header);
        file.Write(data);
    }

    /// <summary>The value a BF16 tensor stores for <paramref name="value"/>, widened back: float32 rounded to 8 significant bits, nearest even.</summary>
    public static float RoundToBFloat16(float value) => BitConverter.Int32BitsToSingle(BFloat16Bits(value) << 16);

    private static byte[] Encode(SafetensorsDType dtype, float[] values)
    {
        var bytes = new byte[values.Length * (dtype == SafetensorsDType.F32 ? 4 : 2)];
        for (var i = 0; i < values.Length; i++)
        {
            switch (dtype)
            {
                case SafetensorsDType.F32:
                    BitConverter.TryWriteBytes(bytes.AsSpan(4 * i), values[i]);
                    break;
                case SafetensorsDType.F16:
                    BitConverter.TryWriteBytes(bytes.AsSpan(2 * i), (Half)values[i]);
                    break;
                default:
                    BitConverter.TryWriteBytes(bytes.AsSpan(2 * i), (ushort)BFloat16Bits(values[i]));
                    break;
            }
        }
        return bytes;
    }

    private static int BFloat16Bits(float value)
    {
        var bits = BitConverter.SingleToInt32Bits(value);
        return (int)(((uint)bits + 0x7FFF + ((uint)bits >> 16 & 1)) >> 16);
    }
}
