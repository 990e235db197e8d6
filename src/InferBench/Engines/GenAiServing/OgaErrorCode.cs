namespace InferBench.Engines.GenAiServing;

/// <summary>Why an Engine event failed or was deferred (OgaErrorCode in ort_genai_c.h).</summary>
public enum OgaErrorCode : uint
{
    None = 0,
    CapacityDeferred = 1,
    ExecutionCapacityExceeded = 2,
    RetryableExecution = 3,
    RequestUnserviceable = 4,
    EngineContractFailure = 5,
    EngineExecutionFailure = 6,
}
