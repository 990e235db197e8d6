using InferBench.Cli.Progress;
using InferBench.Reports;
using InferBench.Results;

namespace InferBench.Cli;

public static class RunSummary
{
    public static void Write(CliIo io, RunResult run, RunFolder folder)
    {
        if (run.Cancelled)
            io.Out.WriteLine("Run cancelled: the files hold what was measured before the interruption.");
        foreach (var row in run.Results)
            io.Out.WriteLine(PlainRunProgress.Describe(row).TrimStart());
        foreach (var point in run.Serving ?? [])
            io.Out.WriteLine(ServingPointLine.Of(point).TrimStart());
        if (OperatingPoints.Apply(run))
        {
            var pricing = new InferBench.Cost.Runs.RunPricing(run.Cost);
            foreach (var model in run.Results.GroupBy(r => r.Model))
            foreach (var choice in OperatingPoints.For(run, [.. model], pricing))
                io.Out.WriteLine($"{OperatingPoints.Heading}, {model.Key}/{OperatingPoints.Sentence(choice, run.Plan.LatencyTargets is { Count: > 0 })}");
        }
        // A serving run's load points count as a run's rows.
        var (statuses, what) = run.Serving is { } points
            ? (points.Select(p => p.Status).ToArray(), "load points")
            : (run.Results.Select(r => r.Status).ToArray(), "rows");
        var counts = statuses.GroupBy(status => status).Select(g => $"{g.Count()} {JsonEnumName.Of(g.Key)}");
        io.Out.WriteLine(statuses.Length == 0 ? $"0 {what}." : $"{statuses.Length} {what}: {string.Join(", ", counts)}");
        io.Out.WriteLine($"Report: {folder.ReportPath}");
        io.Out.WriteLine($"Data:   {folder.RunJsonPath}, {folder.CsvPath}");
    }
}
