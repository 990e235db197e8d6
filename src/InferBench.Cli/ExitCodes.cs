using InferBench.Results;

namespace InferBench.Cli;

/// <summary>
/// The process exit codes InferBench documents in README.md, in this precedence: <see cref="BadInput"/> before anything
/// runs; <see cref="Cancelled"/> whatever was measured; <see cref="SomeRowsFailed"/> when a row failed or a save failed;
/// <see cref="NothingMeasured"/> when no row was measured; else <see cref="AllOk"/>.
/// </summary>
public static class ExitCodes
{
    public const int AllOk = 0;
    /// <summary>At least one row failed, or the results could not be saved (unsupported and skipped rows are not failures).</summary>
    public const int SomeRowsFailed = 1;
    public const int BadInput = 2;
    /// <summary>A bug in InferBench itself: the message says so.</summary>
    public const int InternalError = 3;
    /// <summary>No row was measured and none failed: every row unsupported or skipped, or no rows at all.</summary>
    public const int NothingMeasured = 4;
    public const int Cancelled = 130;

    /// <summary>The exit code of a run that got as far as running, by the precedence above.</summary>
    public static int ForRun(bool cancelled, bool saveFailed, IReadOnlyCollection<ScenarioResult> rows) =>
        cancelled ? Cancelled
        : saveFailed || rows.Any(r => r.Status == ResultStatus.Failed) ? SomeRowsFailed
        : rows.All(r => r.Status != ResultStatus.Ok) ? NothingMeasured
        : AllOk;
}
