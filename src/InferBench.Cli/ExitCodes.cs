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
        For(cancelled, saveFailed, [.. rows.Select(r => r.Status)]);

    /// <summary>The exit code of a serving run that got as far as running: its load points count as a run's rows.</summary>
    public static int ForServe(bool cancelled, bool saveFailed, IReadOnlyCollection<ServingPointResult> points) =>
        For(cancelled, saveFailed, [.. points.Select(p => p.Status)]);

    private static int For(bool cancelled, bool saveFailed, IReadOnlyCollection<ResultStatus> statuses) =>
        cancelled ? Cancelled
        : saveFailed || statuses.Contains(ResultStatus.Failed) ? SomeRowsFailed
        : !statuses.Contains(ResultStatus.Ok) ? NothingMeasured
        : AllOk;
}
