using InferBench.Results;

namespace InferBench.Runner;

/// <summary>How a <see cref="BenchmarkSession"/> ended, as a front end needs it for its summary and exit code.</summary>
/// <param name="Run">The run as last saved: the finished run, or after a failed save the last good save marked incomplete.</param>
/// <param name="Cancelled">A signal stopped the run before its plan was done.</param>
/// <param name="SaveFailed">A save failed, so the run stopped there.</param>
public sealed record RunOutcome(RunResult Run, bool Cancelled, bool SaveFailed)
{
    /// <summary>
    /// After a failed save, the run that save was writing: its rows and load points that are not <see cref="Run"/>'s
    /// (the same instances) were measured but are in no file, so the front end shows them. Null when no save failed.
    /// </summary>
    public RunResult? Unsaved { get; init; }
}
