namespace InferBench.Engines;

/// <summary>
/// An engine could not load or run a model: its runtime's exception, translated once at the engine's boundary. The message
/// is the runtime's own; <see cref="Failure"/> says what kind of failure it is.
/// </summary>
public sealed class EngineException(EngineFailure failure, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public EngineFailure Failure { get; } = failure;
}
