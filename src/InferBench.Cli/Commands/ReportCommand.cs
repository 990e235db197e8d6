using System.CommandLine;
using InferBench.Reports;

namespace InferBench.Cli.Commands;

/// <summary><c>inferbench report &lt;run folder&gt;</c>: renders results.csv, report.md and report.html again from run.json.</summary>
public static class ReportCommand
{
    private static readonly Argument<string> Folder = new("run-folder") { Description = "A run folder holding run.json" };

    public static Command Create(CliIo io)
    {
        var command = new Command("report", "Render results.csv, report.md and report.html again from a run folder's run.json") { Folder };
        command.SetAction(parseResult =>
        {
            var folder = RunFolder.Open(parseResult.GetValue(Folder)!);
            var run = folder.Read();
            try
            {
                folder.RenderReports(run);
            }
            catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
            {
                throw FileSystemProblem.WriteFailure([Folder.Name], $"cannot write the reports into {folder.FullPath}: {FileSystemProblem.Reason(e, folder.FullPath)}", e);
            }
            if (RunCompleteness.PartialReason(run) is { } partial)
                io.Error.WriteLine($"Partial run: {partial}.");
            io.Out.WriteLine($"Report: {folder.ReportPath}");
            io.Out.WriteLine($"HTML:   {folder.HtmlReportPath}");
            io.Out.WriteLine($"Data:   {folder.CsvPath}");
            return ExitCodes.AllOk;
        });
        return command;
    }
}
