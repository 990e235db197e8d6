using InferBench.Fetch;
using Spectre.Console;

namespace InferBench.Cli.Progress;

/// <summary>A live progress bar per file on a terminal, with speed and time left.</summary>
public sealed class SpectreFetchProgress(ProgressContext context) : IFetchProgress
{
    private readonly Dictionary<string, ProgressTask> _tasks = [];

    public static Task<T> RunAsync<T>(Func<IFetchProgress, Task<T>> work) => AnsiConsole.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(),
            new TransferSpeedColumn(), new RemainingTimeColumn())
        .StartAsync(context => work(new SpectreFetchProgress(context)));

    public void FileStarted(string path, long? totalBytes, long resumedAtBytes)
    {
        // A retry calls this again for the same file: reuse its bar.
        if (!_tasks.TryGetValue(path, out var task))
            _tasks[path] = task = context.AddTask(Markup.Escape(path), maxValue: Math.Max(1, totalBytes ?? 1));
        task.IsIndeterminate = totalBytes is null;
        task.Value = resumedAtBytes;
    }

    public void BytesWritten(string path, long bytes) => _tasks[path].Increment(bytes);

    public void Retrying(string path, int nextAttempt, string reason) =>
        AnsiConsole.MarkupLine($"[yellow]{Markup.Escape($"{path}: {reason}; trying again (attempt {nextAttempt})")}[/]");

    public void FileVerified(string path)
    {
        var task = _tasks[path];
        task.Value = task.MaxValue;
        task.StopTask();
    }
}
