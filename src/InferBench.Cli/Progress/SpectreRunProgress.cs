using InferBench.Engines;
using InferBench.Results;
using InferBench.Runner;
using Spectre.Console;

namespace InferBench.Cli.Progress;

/// <summary>A live progress bar per model variant on a terminal.</summary>
public sealed class SpectreRunProgress(ProgressContext context) : IRunProgress
{
    private ProgressTask? _task;
    private int _rowsDone;
    private int _repetitionsPerPoint = 1;

    public static void Run(Action<IRunProgress> work) => AnsiConsole.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
        .Start(context => work(new SpectreRunProgress(context)));

    public void TargetStarted(BenchmarkTarget target, int points, bool atMost)
    {
        _task?.StopTask();
        _task = context.AddTask(Markup.Escape($"{target.Model}/{target.Variant}"), maxValue: points);
        _rowsDone = 0;
    }

    public void PointStarted(BenchmarkTarget target, PlanPoint point, int repetitions)
    {
        _task!.Description = Markup.Escape($"{target.Model}/{target.Variant} {point}");
        _repetitionsPerPoint = Math.Max(1, repetitions);
    }

    public void RepetitionFinished(RepetitionSample sample) => _task!.Increment(1.0 / _repetitionsPerPoint);

    public void RowFinished(ScenarioResult row)
    {
        _task!.Value = ++_rowsDone;
        if (row.Status != ResultStatus.Ok)
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(PlainRunProgress.Describe(row))}[/]");
    }
}
