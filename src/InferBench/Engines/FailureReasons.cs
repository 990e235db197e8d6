using InferBench.Models;
using InferBench.Results;

namespace InferBench.Engines;

/// <summary>
/// Turns what an engine throws (<see cref="EngineException"/>, by its <see cref="EngineFailure"/>) into a row status and a
/// reason a person can act on, and a batch-doubling sweep's stop. The words that name a runtime are the engine's own
/// (<see cref="EngineException.Reason"/>, <see cref="EngineException.BatchStop"/>); this class adds the step and the kind.
/// </summary>
public static class FailureReasons
{
    /// <param name="model">The folder's genai_config.json facts, for naming the inputs when the engine and the graph disagree on one.</param>
    public static (ResultStatus Status, string Reason) Classify(Exception exception, string stage, GenAiModelInfo? model = null) => exception switch
    {
        OutOfMemoryException => (ResultStatus.Unsupported, $"{OutOfMemory}: {stage}: .NET could not allocate ({FirstLine(exception.Message)})"),
        EngineException { Failure: EngineFailure.OutOfMemory } e => (ResultStatus.Unsupported, $"{OutOfMemory}: {Account(e, stage)}"),
        EngineException { Failure: EngineFailure.BatchLimit or EngineFailure.CudaUnavailable or EngineFailure.Unsupported } e => (ResultStatus.Unsupported, Account(e, stage)),
        EngineException { Failure: EngineFailure.InputMismatch } e when model is not null =>
            (ResultStatus.Failed, $"{Account(e, stage)} ({ModelInputFacts.Describe(model)})"),
        EngineException e => (ResultStatus.Failed, Account(e, stage)),
        _ => (ResultStatus.Failed, $"{stage}: {exception.GetType().Name}: {FirstLine(exception.Message)}"),
    };

    /// <summary>The words an out-of-memory row's reason starts with.</summary>
    public const string OutOfMemory = "out of memory";

    /// <summary>Why a <c>--batch auto</c> sweep ends at a row that did not run: out of memory, the runtime's batch limit, or a failure.</summary>
    /// <param name="row">The row, classified by <see cref="Classify"/>.</param>
    /// <param name="failure">What ended the row's point.</param>
    public static BatchStop BatchStopOf(ScenarioResult row, Exception failure) => failure switch
    {
        OutOfMemoryException or EngineException { Failure: EngineFailure.OutOfMemory } =>
            new BatchStop(BatchStopReason.OutOfMemory, $"batch {row.BatchSize} does not fit in memory"),
        EngineException { Failure: EngineFailure.BatchLimit } e => new BatchStop(BatchStopReason.RuntimeLimit, e.BatchStop ?? Described(row)),
        _ => new BatchStop(BatchStopReason.Failed, Described(row)),
    };

    /// <summary>The first line of a runtime's message, as a reason quotes it.</summary>
    public static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>The engine's words for what happened, else the step and the runtime's first line.</summary>
    private static string Account(EngineException exception, string stage) => exception.Reason ?? $"{stage}: {FirstLine(exception.Message)}";

    private static string Described(ScenarioResult row) => $"batch {row.BatchSize} is {JsonEnumName.Of(row.Status)}: {row.Reason}";
}
