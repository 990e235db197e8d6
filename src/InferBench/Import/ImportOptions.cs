using InferBench.Results;

namespace InferBench.Import;

/// <summary>How <c>models import</c> writes a checkpoint: the precision of its weights and activations, and the provider it is made for.</summary>
public sealed record ImportOptions(Precision Precision = Precision.Fp32, ExecutionProvider Target = ExecutionProvider.Cpu)
{
    public const string PrecisionField = "precision";
    public const string TargetField = "target";

    /// <exception cref="InputFieldException">A precision other than fp32 or fp16, or a target other than cpu or cuda.</exception>
    public void Validate()
    {
        if (Precision is not (Precision.Fp32 or Precision.Fp16))
            throw new InputFieldException([PrecisionField], $"fp32 or fp16, not {JsonEnumName.Of(Precision)} (quantize the imported folder for int8 or int4)");
        if (Target is not (ExecutionProvider.Cpu or ExecutionProvider.Cuda))
            throw new InputFieldException([TargetField], $"cpu or cuda, not {JsonEnumName.Of(Target)}");
    }
}
