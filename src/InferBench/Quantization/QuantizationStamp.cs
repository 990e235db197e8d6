using System.Text.Json;
using System.Text.Json.Serialization;
using InferBench.Manifest;

namespace InferBench.Quantization;

/// <summary>
/// quantization.json, written last into a variant folder by <see cref="ModelQuantizer"/>: how the variant was made and from
/// what, for reports to show beside its numbers.
/// </summary>
/// <param name="SourceSha256">SHA-256 (lowercase hex) of each source file the variant was made from: the decoder and its external data.</param>
/// <param name="Bits">int4/int8: bits per weight in MatMulNBits; null for fp16.</param>
/// <param name="BlockSizeElements">int4/int8: weights along K per scale; null for fp16.</param>
/// <param name="Symmetric">int4/int8: true when blocks have no zero points; null for fp16.</param>
/// <param name="AccuracyLevel">int4/int8: MatMulNBits accuracy_level; null for fp16.</param>
/// <param name="LmHeadQuantized">int4/int8: whether the MatMul producing the logits was quantized; null for fp16.</param>
/// <param name="QuantizedMatMuls">MatMul nodes replaced by MatMulNBits (0 for fp16).</param>
/// <param name="FileBytes">Size of each other file in the folder, by file name.</param>
public sealed record QuantizationStamp(
    int QuantizerVersion,
    string InferBenchVersion,
    Precision Precision,
    IReadOnlyDictionary<string, string> SourceSha256,
    int? Bits,
    int? BlockSizeElements,
    bool? Symmetric,
    int? AccuracyLevel,
    bool? LmHeadQuantized,
    int QuantizedMatMuls,
    IReadOnlyDictionary<string, long> FileBytes)
{
    public const string FileName = "quantization.json";

    /// <summary>Raised whenever the same source and options would give different files.</summary>
    public const int CurrentQuantizerVersion = 1;

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        NewLine = "\n",
    };

    [JsonIgnore] public long TotalFileBytes => FileBytes.Values.Sum();

    /// <summary>The stamp in <paramref name="folderPath"/>, or null where there is none or it cannot be read.</summary>
    public static QuantizationStamp? TryRead(string folderPath)
    {
        try
        {
            return JsonSerializer.Deserialize<QuantizationStamp>(File.ReadAllBytes(Path.Combine(folderPath, FileName)), JsonOptions);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
