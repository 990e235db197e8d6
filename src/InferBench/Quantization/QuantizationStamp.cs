using System.Text.Json.Serialization;
using InferBench.Models;
using InferBench.Onnx;
using InferBench.Results;
using InferBench.Import;
using InferBench.Synthetic;

namespace InferBench.Quantization;

/// <summary>
/// quantization.json, written last into a variant folder by <see cref="ModelQuantizer"/>: how the variant was made and from
/// what, for reports to show beside its numbers.
/// </summary>
/// <param name="SourceSha256">
/// SHA-256 (lowercase hex) of each source file the variant was made from: the decoder, its external data, and the files
/// copied beside them (genai_config.json, the tokenizer's), so a variant goes stale when any of them changes.
/// </param>
/// <param name="Bits">int4/int8: bits per weight in MatMulNBits; null for fp16.</param>
/// <param name="BlockSizeElements">int4/int8: weights along K per scale; null for fp16.</param>
/// <param name="Symmetric">int4/int8: true when blocks have no zero points; null for fp16.</param>
/// <param name="AccuracyLevel">int4/int8: MatMulNBits accuracy_level; null for fp16.</param>
/// <param name="LmHeadQuantized">int4/int8: whether the MatMul producing the logits was quantized; null for fp16.</param>
/// <param name="QuantizedMatMuls">MatMul nodes replaced by MatMulNBits (0 for fp16).</param>
/// <param name="FileBytes">Size of each other file in the folder, by file name.</param>
/// <remarks>
/// Quantizer version 2 added <see cref="Target"/>, <see cref="SourcePrecision"/>, <see cref="ActivationPrecision"/> and the
/// already-quantized counts; a version 1 stamp reads with them null (0), and is rebuilt by the cache check.
/// </remarks>
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

    /// <summary>Stamps of a source folder: they describe how it was made, not what the variant is made from.</summary>
    public static readonly IReadOnlyList<string> SourceStamps = [SyntheticModelStamp.FileName, ImportStamp.FileName, FileName];

    /// <summary>Raised whenever the same source and options would give different files.</summary>
    public const int CurrentQuantizerVersion = 2;

    /// <summary>The execution provider the variant was made for (its genai_config.json asks for it).</summary>
    public ExecutionProvider? Target { get; init; }

    /// <summary>fp32 or fp16: the float type of the source's MatMul weights.</summary>
    public Precision? SourcePrecision { get; init; }

    /// <summary>fp32 or fp16: the float type the variant computes in (MatMulNBits' input A and scales).</summary>
    public Precision? ActivationPrecision { get; init; }

    /// <summary>MatMulNBits nodes the source held already, kept as they were (a partly quantized export).</summary>
    public int AlreadyQuantizedMatMuls { get; init; }

    /// <summary>Their bits, each value once; null when there were none.</summary>
    public IReadOnlyList<int>? AlreadyQuantizedBits { get; init; }

    [JsonIgnore] public long TotalFileBytes => FileBytes.Values.Sum();

    /// <summary>The manifest variant it was made from ("model/variant"), for a derived manifest variant; null when made from a folder.</summary>
    public string? SourceVariant { get; init; }

    /// <summary>
    /// True when <paramref name="variantFolder"/> holds a variant made by this quantizer version from the files now in
    /// <paramref name="sourceFolder"/> (by SHA-256) with <paramref name="options"/>, every file at its recorded size: the cache
    /// check before quantizing again. A source without an lm_head never matches options that quantize it.
    /// </summary>
    public static bool IsCompleteFor(string variantFolder, string sourceFolder, QuantizationOptions options) =>
        WhyNotCurrent(variantFolder, sourceFolder, options) is null;

    /// <summary>
    /// Why <paramref name="variantFolder"/> cannot be reused as the variant <see cref="IsCompleteFor"/> describes (made from
    /// <paramref name="sourceVariant"/> when given), in words for the user; null when it can.
    /// </summary>
    public static string? WhyNotCurrent(string variantFolder, string sourceFolder, QuantizationOptions options, string? sourceVariant = null)
    {
        if (TryRead(variantFolder) is not { } stamp)
            return $"no finished variant in {variantFolder}";
        if (stamp.QuantizerVersion != CurrentQuantizerVersion)
            return $"made by quantizer version {stamp.QuantizerVersion}, this InferBench has version {CurrentQuantizerVersion}";
        if (sourceVariant is not null && stamp.SourceVariant != sourceVariant)
            return $"made from {stamp.SourceVariant ?? "a model folder"}, expected {sourceVariant}";
        if (stamp.Precision != options.Precision)
            return $"made as {JsonEnumName.Of(stamp.Precision)}, expected {JsonEnumName.Of(options.Precision)}";
        if (stamp.Target is not { } target || (options.Target ?? TargetOf(sourceFolder)) != target)
            return "made for another execution provider";
        if (options.Bits is not null
            && (stamp.Bits, stamp.BlockSizeElements, stamp.Symmetric, stamp.AccuracyLevel, stamp.LmHeadQuantized)
            != (options.Bits, options.BlockSizeElements, options.Symmetric, options.AccuracyLevelFor(target), options.QuantizeLmHead))
            return "its quantizer settings (bits, block size, symmetric, accuracy level, lm_head) differ from the ones asked for";
        if (!FolderStamp.FilesAtRecordedSize(variantFolder, stamp.FileBytes))
            return "a file of it is missing or not at its recorded size";
        var changed = stamp.SourceSha256.FirstOrDefault(file =>
            !File.Exists(Path.Combine(sourceFolder, file.Key)) || FileSha256.Of(Path.Combine(sourceFolder, file.Key)) != file.Value);
        if (changed.Key is not null)
            return $"its source file {changed.Key} is missing or changed (SHA-256) since it was made";
        // A stamp written before the copied files were hashed lacks genai_config.json: it cannot vouch for it, so it is rebuilt.
        var unrecorded = SourceFiles(sourceFolder).FirstOrDefault(name => !stamp.SourceSha256.ContainsKey(name));
        return unrecorded is null ? null : $"its source file {unrecorded} is not among those it was made from (SHA-256)";
    }

    /// <summary>
    /// The files of <paramref name="sourceFolder"/> a variant is made from and hashes into its stamp
    /// (genai_config.json, the tokenizer's and any other model file), ordinal order. Stamps and hidden bookkeeping files
    /// (such as a fetch marker) are not the model's, so they are left out.
    /// </summary>
    public static IEnumerable<string> SourceFiles(string sourceFolder) => Directory.EnumerateFiles(sourceFolder)
        .Select(path => Path.GetFileName(path))
        .Where(name => !name.StartsWith('.') && !SourceStamps.Contains(name))
        .Order(StringComparer.Ordinal);

    /// <summary>
    /// What genai_config.json asks for, null where <see cref="SourceModel.Open"/> would refuse the folder for what it reads
    /// before the decoder. Only genai_config.json is read: parsing the decoder here read it once more before the hash
    /// check, which already finds a decoder changed since the variant was made.
    /// </summary>
    private static ExecutionProvider? TargetOf(string sourceFolder)
    {
        if (File.Exists(Path.Combine(sourceFolder, FileName)) && TryRead(sourceFolder)?.Precision != Precision.Fp16)
            return null;
        try
        {
            return GenAiModelInfo.ProviderFrom(GenAiModelFolder.Inspect(sourceFolder).ConfiguredProvider);
        }
        catch (ModelFolderException)
        {
            return null;
        }
    }

    /// <summary>
    /// What a row measured on <paramref name="executionProvider"/> should say beside its numbers, or null:
    /// both cases below load and run, so they are notes, not failures (measured in README.md beside this file).
    /// </summary>
    public string? ExecutionNote(ExecutionProvider executionProvider) => (executionProvider, Precision, Bits, AccuracyLevel) switch
    {
        (ExecutionProvider.Cpu, Precision.Fp16, _, _) =>
            "fp16 on CPU: ONNX Runtime has few fp16 CPU kernels, so it inserts casts and computes in fp32 with the weights widened at load; " +
            "these numbers say nothing about fp16 on a GPU",
        (ExecutionProvider.Cpu, _, not null, _) when ActivationPrecision == Precision.Fp16 =>
            "int4/int8 with fp16 activations (made for CUDA) on CPU: measured up to 2.6x slower than the same weights with fp32 activations " +
            $"(the variant `models quantize {CommandOptions.QuantizeTarget} cpu` makes); these numbers say little about either",
        (ExecutionProvider.Cpu, _, 8, not 4) =>
            $"8-bit MatMulNBits with accuracy_level {AccuracyLevel} on CPU: ONNX Runtime dequantizes the weights on every call, " +
            "far slower than fp32; accuracy_level 4 uses its int8 kernels",
        _ => null,
    };

    /// <summary>The stamp in <paramref name="folderPath"/>, or null where there is none or it cannot be read.</summary>
    public static QuantizationStamp? TryRead(string folderPath) => FolderStamp.TryRead<QuantizationStamp>(folderPath, FileName);
}
