namespace InferBench.Engines;

/// <summary>What kind of failure an <see cref="EngineException"/> is, as <see cref="FailureReasons"/> tells a row's status and reason by it.</summary>
public enum EngineFailure
{
    /// <summary>Any failure not told apart below.</summary>
    Failed,

    /// <summary>An allocation failed, on the host or the device.</summary>
    OutOfMemory,

    /// <summary>The runtime refuses the batch size: its limit, not memory.</summary>
    BatchLimit,

    /// <summary>The CUDA provider could not be loaded: the CPU build, or a CUDA build without a working driver, CUDA or cuDNN.</summary>
    CudaUnavailable,

    /// <summary>The runtime and the decoder graph disagree about an input's name.</summary>
    InputMismatch,

    /// <summary>The runtime or the model cannot do what was asked at all (such as a runtime without GenAI's Engine API).</summary>
    Unsupported,
}
