using System.CommandLine;
using InferBench.Reports;
using InferBench.Reports.Compare;
using Spectre.Console;

namespace InferBench.Cli.Commands;

/// <summary>
/// <c>inferbench compare &lt;run folder&gt; &lt;run folder&gt;...</c>: matched rows of several runs side by side, each run
/// against the first, with whether each difference is larger than the measurement noise.
/// </summary>
public static class CompareCommand
{
    private static readonly Argument<string[]> Folders = new("run-folders")
    {
        Description = "Run folders holding run.json; the first is the baseline",
        Arity = new ArgumentArity(2, RunComparison.MaxRuns),
    };
    private static readonly Option<bool> Json = CommonOptions.Json("one JSON object");

    public static Command Create(CliIo io)
    {
        var command = new Command("compare",
            "Compare runs (two rented instances, before/after): decode tok/s and TTFT of matched rows, and whether each difference is beyond noise")
        {
            Folders, Json,
        };
        command.SetAction(parseResult =>
        {
            var runs = parseResult.GetValue(Folders)!.Select(folder => RunFolder.Open(folder)).Select(folder => (folder.Read(), folder.FullPath)).ToList();
            foreach (var (run, path) in runs)
            {
                if (RunCompleteness.PartialReason(run) is { } partial)
                    io.Error.WriteLine($"warning: {path} is a partial run: {partial}; its rows are compared as they are.");
            }
            var comparison = RunComparison.Of(runs);
            if (parseResult.GetValue(Json))
            {
                io.Out.WriteLine(ComparisonJson.Serialize(comparison));
                return ExitCodes.AllOk;
            }
            // A bordered table squeezed into a narrow terminal wraps every cell; the aligned text reads better there (and shows serving points).
            if (comparison.Serving is null && io.Interactive && Console.WindowWidth >= ComparisonText.TableWidth(comparison) + ComparisonTable.Columns.Count + 3)
                WriteTable(comparison, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Out) }));
            else
                io.Out.Write(ComparisonText.Format(comparison));
            return ExitCodes.AllOk;
        });
        return command;
    }

    private static void WriteTable(RunComparison comparison, IAnsiConsole console)
    {
        foreach (var line in ComparisonTable.Runs(comparison))
            console.WriteLine(line);
        var table = new Table();
        foreach (var column in ComparisonTable.Columns)
            table.AddColumn(new TableColumn(Markup.Escape(column.Title)) { Alignment = column.Numeric ? Justify.Right : Justify.Left });
        foreach (var row in comparison.Rows)
            table.AddRow([.. ComparisonTable.Columns.Select(column => Markup.Escape(column.Text(row)))]);
        console.Write(table);
        foreach (var note in ComparisonTable.Notes(comparison))
            console.WriteLine(note);
    }
}
