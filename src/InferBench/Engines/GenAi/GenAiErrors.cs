using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Engines.GenAi;

/// <summary>What ONNX Runtime GenAI throws, translated into <see cref="EngineException"/> by what its message says.</summary>
public static class GenAiErrors
{
    public static EngineException Translate(OnnxRuntimeGenAIException exception) => new(FailureOf(exception.Message), exception.Message, exception);

    public static EngineFailure FailureOf(string message) =>
        IsOutOfMemory(message) ? EngineFailure.OutOfMemory
        : IsBatchLimit(message) ? EngineFailure.BatchLimit
        : message.Contains("Cuda interface not available", StringComparison.Ordinal) ? EngineFailure.CudaUnavailable
        : IsInputMismatch(message) ? EngineFailure.InputMismatch
        : EngineFailure.Failed;

    /// <summary>
    /// An allocation failure: std::bad_alloc (the CPU allocator, also under an address-space limit), ONNX Runtime's arena
    /// ("Failed to allocate memory"), or CUDA's out of memory (cudaErrorMemoryAllocation, "CUDA error ... out of memory").
    /// </summary>
    public static bool IsOutOfMemory(string message) =>
        message.Contains("bad_alloc", StringComparison.Ordinal)
        || message.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
        || message.Contains("Failed to allocate memory", StringComparison.OrdinalIgnoreCase)
        || message.Contains("cudaErrorMemoryAllocation", StringComparison.Ordinal);

    /// <summary>GenAI's "batch_size (64) must be in [1, 32]".</summary>
    public static bool IsBatchLimit(string message) =>
        message.Contains("batch_size (", StringComparison.Ordinal) && message.Contains(") must be in [1, ", StringComparison.Ordinal);

    /// <summary>GenAI's "Model input was not found: NAME" and ONNX Runtime's "Missing Input: NAME".</summary>
    private static bool IsInputMismatch(string message) =>
        message.Contains("Model input was not found", StringComparison.Ordinal)
        || message.Contains("Missing Input:", StringComparison.Ordinal);
}
