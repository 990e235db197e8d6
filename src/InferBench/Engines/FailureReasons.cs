using InferBench.Models;
using InferBench.Results;

namespace InferBench.Engines;

/// <summary>Turns what an engine throws (<see cref="EngineException"/>, by its <see cref="EngineFailure"/>) into a row status and a reason a person can act on.</summary>
public static class FailureReasons
{
    /// <param name="model">The folder's genai_config.json facts, for naming the inputs when the engine and the graph disagree on one.</param>
    public static (ResultStatus Status, string Reason) Classify(Exception exception, string stage, GenAiModelInfo? model = null) => exception switch
    {
        OutOfMemoryException => (ResultStatus.Unsupported, $"{OutOfMemory}: {stage}: .NET could not allocate ({FirstLine(exception.Message)})"),
        EngineException { Failure: EngineFailure.OutOfMemory } e => (ResultStatus.Unsupported, $"{OutOfMemory}: {stage}: {FirstLine(e.Message)}"),
        EngineException { Failure: EngineFailure.BatchLimit } e => (ResultStatus.Unsupported, $"{RuntimeBatchLimit}: {FirstLine(e.Message)}"),
        EngineException { Failure: EngineFailure.CudaUnavailable } => (ResultStatus.Unsupported, CudaUnavailable()),
        EngineException { Failure: EngineFailure.InputMismatch } e when model is not null =>
            (ResultStatus.Failed, $"{stage}: {FirstLine(e.Message)} ({ModelInputFacts.Describe(model)})"),
        EngineException e => (ResultStatus.Failed, $"{stage}: {FirstLine(e.Message)}"),
        _ => (ResultStatus.Failed, $"{stage}: {exception.GetType().Name}: {FirstLine(exception.Message)}"),
    };

    /// <summary>The words an out-of-memory row's reason starts with.</summary>
    public const string OutOfMemory = "out of memory";

    /// <summary>
    /// ONNX Runtime GenAI refuses batch sizes above a compile-time constant (kMaxBatchSize = 32 in the Generator constructor,
    /// src/generators.cpp, since 0.15; on every device): no option or genai_config.json setting raises it.
    /// </summary>
    public const string RuntimeBatchLimit =
        "ONNX Runtime GenAI refuses this batch size (its maximum, kMaxBatchSize in src/generators.cpp, is a compile-time constant, on every device)";

    /// <summary>Why a <c>--batch auto</c> sweep ends at a row that did not run: out of memory, the runtime's batch limit, or a failure.</summary>
    public static BatchStop BatchStopOf(ScenarioResult row) =>
        row.Reason?.StartsWith(OutOfMemory, StringComparison.Ordinal) == true
            ? new BatchStop(BatchStopReason.OutOfMemory, $"batch {row.BatchSize} does not fit in memory")
            : row.Reason?.StartsWith(RuntimeBatchLimit, StringComparison.Ordinal) == true
                ? new BatchStop(BatchStopReason.RuntimeLimit, $"ONNX Runtime GenAI refuses batch {row.BatchSize}; it cannot be raised without rebuilding GenAI")
                : new BatchStop(BatchStopReason.Failed, $"batch {row.BatchSize} is {JsonEnumName.Of(row.Status)}: {row.Reason}");

    /// <summary>The CPU build lacks GenAI's CUDA library; the CUDA build has it but could not load it (driver, CUDA or cuDNN).</summary>
    private static string CudaUnavailable() =>
        "needs the CUDA build of InferBench and an NVIDIA GPU: "
        + (BuildFlavour.IsCuda
            ? "this is the CUDA build, but ONNX Runtime GenAI could not load its CUDA library; check nvidia-smi, CUDA 12 and cuDNN 9"
            : $"this is the CPU build; build for CUDA with `{BuildFlavour.CudaBuildCommand}`")
        + " (see docs/gpu.md; ONNX Runtime GenAI: Cuda interface not available)";

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
