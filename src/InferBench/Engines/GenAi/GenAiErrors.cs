using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Engines.GenAi;

/// <summary>
/// What ONNX Runtime GenAI throws, translated into <see cref="EngineException"/> by what its message says, with GenAI's
/// own words for the failures its message alone does not explain (its batch limit, a CUDA library it cannot load).
/// </summary>
public static class GenAiErrors
{
    /// <summary>GenAI's exception as an <see cref="EngineException"/>.</summary>
    /// <param name="batchSize">The batch the failing generation ran, for the words a batch-doubling sweep records when GenAI refuses it.</param>
    public static EngineException Translate(OnnxRuntimeGenAIException exception, int? batchSize = null) => Translate(exception.Message, exception, batchSize);

    /// <summary>GenAI's message as an <see cref="EngineException"/>: its kind, and GenAI's words where the message alone does not say what to do.</summary>
    public static EngineException Translate(string message, Exception? innerException = null, int? batchSize = null)
    {
        var failure = FailureOf(message);
        return new EngineException(failure, message, innerException)
        {
            Reason = failure switch
            {
                EngineFailure.BatchLimit => $"{RuntimeBatchLimit}: {FailureReasons.FirstLine(message)}",
                EngineFailure.CudaUnavailable => CudaUnavailable(),
                _ => null,
            },
            BatchStop = failure == EngineFailure.BatchLimit && batchSize is { } batch
                ? $"ONNX Runtime GenAI refuses batch {batch}; it cannot be raised without rebuilding GenAI"
                : null,
        };
    }

    public static EngineFailure FailureOf(string message) =>
        IsOutOfMemory(message) ? EngineFailure.OutOfMemory
        : IsBatchLimit(message) ? EngineFailure.BatchLimit
        : message.Contains("Cuda interface not available", StringComparison.Ordinal) ? EngineFailure.CudaUnavailable
        : IsInputMismatch(message) ? EngineFailure.InputMismatch
        : EngineFailure.Failed;

    /// <summary>
    /// What a row GenAI refuses the batch of says first. ONNX Runtime GenAI refuses batch sizes above a compile-time
    /// constant (kMaxBatchSize = 32 in the Generator constructor, src/generators.cpp, since 0.15; on every device): no
    /// option or genai_config.json setting raises it.
    /// </summary>
    public const string RuntimeBatchLimit =
        "ONNX Runtime GenAI refuses this batch size (its maximum, kMaxBatchSize in src/generators.cpp, is a compile-time constant, on every device)";

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

    /// <summary>The CPU build lacks GenAI's CUDA library; the CUDA build has it but could not load it (driver, CUDA or cuDNN).</summary>
    private static string CudaUnavailable() =>
        "needs the CUDA build of InferBench and an NVIDIA GPU: "
        + (BuildFlavour.IsCuda
            ? "this is the CUDA build, but ONNX Runtime GenAI could not load its CUDA library; check nvidia-smi, CUDA 12 and cuDNN 9"
            : $"this is the CPU build; build for CUDA with `{BuildFlavour.CudaBuildCommand}`")
        + " (see docs/gpu.md; ONNX Runtime GenAI: Cuda interface not available)";
}
