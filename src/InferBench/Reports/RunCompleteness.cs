using InferBench.Results;

namespace InferBench.Reports;

/// <summary>Whether a run's files hold the whole run, and if not why: for the "Partial" banner of reports and compare's warning.</summary>
public static class RunCompleteness
{
    /// <summary>Why the run is partial; null when it ran to its end.</summary>
    public static string? PartialReason(RunResult run) => run.State switch
    {
        RunState.InProgress => "run.json still says in-progress: the run was cut off before it finished (SIGKILL, a second Ctrl-C, "
            + "a crash, or it is still running), so it holds the rows saved until then",
        RunState.Incomplete => "a save failed (such as a full disk) and the run stopped, so it holds the last good save",
        _ when run.State == RunState.Cancelled || run.Cancelled =>
            "the run was stopped (Ctrl-C or SIGTERM) before its plan was done, so it holds what was measured until then",
        _ => null,
    };
}
