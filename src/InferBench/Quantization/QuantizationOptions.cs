using InferBench.Results;

namespace InferBench.Quantization;

/// <summary>How <see cref="ModelQuantizer"/> makes a variant; the defaults are GenAI's model builder's for CPU.</summary>
/// <param name="Precision">int4 or int8 (weight-only, MatMulNBits), or fp16 (weights and activations).</param>
/// <param name="BlockSizeElements">int4/int8: weights along K sharing one scale: 16, 32, 64, 128 or 256.</param>
/// <param name="Symmetric">int4/int8: blocks centred on zero with no zero points; false stores a zero point per block.</param>
/// <param name="AccuracyLevel">
/// int4/int8: MatMulNBits accuracy_level; null: the target's (<see cref="AccuracyLevelFor"/>). 4 quantizes activations to
/// int8 on CPU; 0 computes in fp32, and for 8 bits falls into a dequantize-every-call path on x64 that is far slower than
/// fp32 (see README.md beside this file). ONNX Runtime's CUDA kernel does not read it.
/// </param>
/// <param name="QuantizeLmHead">int4/int8: also quantize the MatMul that produces the logits, as GenAI's builder does.</param>
/// <param name="Target">
/// The execution provider the variant is made for (cpu or cuda); null: the one the source's genai_config.json asks for.
/// It sets the accuracy level's default, the activations of an fp16 source's int4/int8 variant (see README.md) and the
/// provider the variant's genai_config.json asks for.
/// </param>
public sealed record QuantizationOptions(
    Precision Precision,
    int BlockSizeElements = QuantizationOptions.DefaultBlockSizeElements,
    bool Symmetric = true,
    int? AccuracyLevel = null,
    bool QuantizeLmHead = true,
    ExecutionProvider? Target = null)
{
    public const int DefaultBlockSizeElements = 32;
    /// <summary>CPU: int8 activations with int32 accumulation, ONNX Runtime's fast path (GenAI's builder's default for cpu).</summary>
    public const int DefaultCpuAccuracyLevel = 4;
    /// <summary>CUDA: GenAI's builder writes 0 (no attribute) for every provider but cpu and webgpu; the CUDA kernel ignores it.</summary>
    public const int DefaultCudaAccuracyLevel = 0;

    /// <summary>The accuracy level a variant for <paramref name="target"/> gets: the one given, else the target's default.</summary>
    public int AccuracyLevelFor(ExecutionProvider target) =>
        AccuracyLevel ?? (target == ExecutionProvider.Cuda ? DefaultCudaAccuracyLevel : DefaultCpuAccuracyLevel);

    /// <summary>Fields are named as the library's parameters; a front end says them with its option names.</summary>
    public static InputRange BlockSizes { get; } = new("blockSizeElements", 16, 256, WholeNumber: true,
        Why: "16, 32, 64, 128 or 256: the block sizes ONNX Runtime's MatMulNBits takes");

    public static InputRange AccuracyLevels { get; } = new("accuracyLevel", 0, 4, WholeNumber: true, Why: "MatMulNBits accuracy_level");

    public const string PrecisionField = "precision";
    public const string QuantizeLmHeadField = "quantizeLmHead";
    public const string TargetField = "target";
    /// <summary>The model folder a variant is made from.</summary>
    public const string SourceField = "sourceModel";

    /// <summary>Bits per weight in MatMulNBits: 4 or 8; null for fp16.</summary>
    public int? Bits => Precision switch
    {
        Precision.Int4 => 4,
        Precision.Int8 => 8,
        _ => null,
    };

    /// <exception cref="InputRangeException">A value is out of range; its field is <see cref="PrecisionField"/>, <see cref="TargetField"/>, or that of <see cref="BlockSizes"/> or <see cref="AccuracyLevels"/>.</exception>
    public void Validate()
    {
        if (Precision is not (Precision.Int4 or Precision.Int8 or Precision.Fp16))
            throw new InputRangeException([PrecisionField], "int4, int8 or fp16", JsonEnumName.Of(Precision));
        if (!BlockQuantizer.IsValidBlockSize(BlockSizeElements))
            throw new InputRangeException([BlockSizes.Field], BlockSizes.Expected, BlockSizeElements.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (AccuracyLevel is { } level)
            AccuracyLevels.Check(level);
        if (Target is not (null or ExecutionProvider.Cpu or ExecutionProvider.Cuda))
            throw new InputRangeException([TargetField], "cpu or cuda", JsonEnumName.Of(Target.Value));
    }
}
