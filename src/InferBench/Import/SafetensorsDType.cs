namespace InferBench.Import;

/// <summary>The safetensors element types a checkpoint's weights may be stored in.</summary>
public enum SafetensorsDType
{
    F32,
    F16,
    BF16,
}
