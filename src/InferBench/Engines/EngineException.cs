namespace InferBench.Engines;

/// <summary>
/// An engine could not load or run a model: its runtime's exception, translated once at the engine's boundary. The message
/// is the runtime's own; <see cref="Failure"/> says what kind of failure it is, and <see cref="Reason"/> and
/// <see cref="BatchStop"/> say it in the engine's own words where the runtime's message would not tell a person what to do.
/// </summary>
public sealed class EngineException(EngineFailure failure, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public EngineFailure Failure { get; } = failure;

    /// <summary>
    /// What a row's reason says happened, in the engine's words (such as its runtime's batch limit and why it cannot be
    /// raised); null: the step that failed and the first line of the runtime's message.
    /// </summary>
    public string? Reason { get; init; }

    /// <summary>
    /// For a <see cref="EngineFailure.BatchLimit"/>: what a batch-doubling sweep that ends at the refused batch records,
    /// in the engine's words (the batch included); null: the row's status and reason.
    /// </summary>
    public string? BatchStop { get; init; }
}
