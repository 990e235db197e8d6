namespace InferBench.Cli;

/// <summary>The process exit codes InferBench documents in README.md.</summary>
public static class ExitCodes
{
    public const int AllOk = 0;
    /// <summary>At least one row failed (unsupported and skipped rows are reported, not failures).</summary>
    public const int SomeRowsFailed = 1;
    public const int BadInput = 2;
    /// <summary>A bug in InferBench itself: the message says so.</summary>
    public const int InternalError = 3;
    public const int Cancelled = 130;
}
