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
        if (OperatingPoints.Apply(run))
        {
            var pricing = new InferBench.Cost.Runs.RunPricing(run.Cost);
            foreach (var model in run.Results.GroupBy(r => r.Model))
            foreach (var choice in OperatingPoints.For(run, [.. model], pricing))
                io.Out.WriteLine($"{OperatingPoints.Heading}, {model.Key}/{OperatingPoints.Sentence(choice, run.Plan.LatencyTargets is { Count: > 0 })}");
        }
        var counts = run.Results.GroupBy(r => r.Status).Select(g => $"{g.Count()} {JsonEnumName.Of(g.Key)}");
        io.Out.WriteLine(run.Results.Count == 0 ? "0 rows." : $"{run.Results.Count} rows: {string.Join(", ", counts)}");
        io.Out.WriteLine($"Report: {folder.ReportPath}");
        io.Out.WriteLine($"Data:   {folder.RunJsonPath}, {folder.CsvPath}");
    }
}
