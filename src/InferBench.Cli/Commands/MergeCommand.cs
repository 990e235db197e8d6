using System.CommandLine;
using InferBench.Cost.Catalog;
using InferBench.Merge;
using InferBench.Results;
using InferBench.Runner;

namespace InferBench.Cli.Commands;

/// <summary>
/// <c>inferbench merge &lt;folder&gt;... --out &lt;folder&gt;</c>: run folders from many machines (or folders holding them) as one
/// comparison: merged results.csv, merged.json, report.md and report.html.
/// </summary>
public static class MergeCommand
{
    private static readonly Argument<string[]> Folders = new("folders")
    {
        Description = "Run folders, or folders holding run folders at any depth (as a scheduler or an upload leaves them)",
        Arity = ArgumentArity.OneOrMore,
    };
    private static readonly Option<string> Out = CommonOptions.Out("Folder that receives the merged files (created if missing)", required: true);
    private static readonly Option<string[]> Prices = new("--price")
    {
        Description = "Price a machine: <machine>=<catalog GPU instance id or USD per hour>, the machine named by its label, cloud instance type, " +
            "GPU or CPU model (repeatable); other machines are priced by their runs' own cost assumptions",
        AllowMultipleArgumentsPerToken = false,
    };
    private static readonly Option<string[]> Slo = CommonOptions.Slo(
        "every entry's best point is judged against, one set for every machine (default: the set most merged runs ran with; on a tie, that of the run that started first)");

    public static Command Create(CliIo io, CancellationToken cancellation)
    {
        var command = new Command("merge",
            "Merge run folders from many machines into one comparison: per model, variant and machine, batch-1 and best tok/s, TTFT, J/token, $/1M, fidelity")
        {
            Folders, Out, Prices, Slo,
        };
        command.SetAction(parseResult =>
        {
            var prices = (parseResult.GetValue(Prices) ?? []).Select(MachinePrice.Parse).ToList();
            var targets = LatencyTargetParser.Parse(parseResult.GetValue(Slo) ?? []);
            return Merge(parseResult.GetValue(Folders)!, parseResult.GetValue(Out)!, Out.Name, prices, targets.Count > 0 ? targets : null, io, cancellation);
        });
        return command;
    }

    /// <summary>Merges <paramref name="folders"/> into <paramref name="outFolder"/>; <c>campaign merge</c> calls it too.</summary>
    /// <param name="outGivenBy">The option that gave <paramref name="outFolder"/>, which its errors name.</param>
    /// <returns>The exit code (README's table as merge reads it).</returns>
    public static int Merge(IReadOnlyList<string> folders, string outFolder, string outGivenBy, IReadOnlyList<MachinePrice> prices,
        IReadOnlyList<LatencyTarget>? targets, CliIo io, CancellationToken cancellation)
    {
        var folder = Path.GetFullPath(outFolder);
        RunMerge merge;
        try
        {
            merge = RunMerge.Of(folders, prices, PricingCatalogLoader.Load(null), targets, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            io.Error.WriteLine($"inferbench: merge stopped before writing anything into {folder}; the run folders are untouched.");
            return ExitCodes.Cancelled;
        }
        // The merged files would overwrite a run's own results.csv and reports, or sit among its files.
        if (merge.Inputs.FirstOrDefault(input => IsSameOrInside(folder, input.Folder)) is { } input)
            throw new InputException($"{outGivenBy}: {folder} is or is inside the run folder {Path.GetFullPath(input.Folder)}, one of the merge's inputs; choose a folder outside them");
        foreach (var problem in merge.Problems)
            io.Error.WriteLine($"inferbench: {problem}");
        foreach (var warning in merge.Warnings)
            io.Error.WriteLine($"warning: {warning}");
        if (merge.MergedRunCount == 0)
        {
            io.Error.WriteLine($"inferbench: no run could be merged; nothing was written into {folder}");
            return merge.Problems.Count > 0 ? ExitCodes.BadInput : ExitCodes.NothingMeasured;
        }
        var saveFailed = false;
        try
        {
            MergeFolder.Write(folder, merge, DateTimeOffset.UtcNow);
        }
        catch (OutOfSpaceException e)
        {
            io.Error.WriteLine($"inferbench: {outGivenBy}: {e.Problem}; the merge of {ReadableNumber.Counted(merge.MergedRunCount, "run")} was not saved");
            saveFailed = true;
        }
        catch (InputFieldException e) when (e.Fields.Contains(MergeFolder.Field))
        {
            throw new InputException($"{outGivenBy}: {e.Problem}");
        }
        if (!saveFailed)
        {
            io.Out.WriteLine($"Merged {ReadableNumber.Counted(merge.MergedRunCount, "run")} from {ReadableNumber.Counted(merge.Machines.Count, "machine")} into {folder}");
            foreach (var name in MergeFolder.FileNames)
                io.Out.WriteLine($"  {Path.Combine(folder, name)}");
        }
        if (!merge.HasMeasuredRow)
            io.Error.WriteLine("inferbench: no merged run has an ok row: nothing measured to compare");
        return merge.Problems.Count > 0 ? ExitCodes.BadInput
            : saveFailed ? ExitCodes.SomeRowsFailed
            : !merge.HasMeasuredRow ? ExitCodes.NothingMeasured
            : ExitCodes.AllOk;
    }

    private static bool IsSameOrInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(folder), path);
        return relative == "." || !(relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative));
    }
}
