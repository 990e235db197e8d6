using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using InferBench.Campaign;
using InferBench.Reports;
using InferBench.Telemetry;
using Spectre.Console;

namespace InferBench.Cli.Commands;

/// <summary><c>inferbench campaign plan|run|status|merge|k8s</c>: a campaign file's shards, one shard's run, what the shards left and their merge, the Kubernetes Jobs.</summary>
public static class CampaignCommand
{
    private static Argument<string> CampaignFileArgument() => new("campaign") { Description = "The campaign file (JSON, schema: campaign.schema.json)" };

    public static Command Create(CliIo io, CancellationToken cancellation) => new("campaign",
        "Campaigns across many machines: a campaign file's shards, run one shard, check and merge what the shards left, Kubernetes Jobs (Slurm: scripts/slurm/)")
    {
        PlanCommand(io),
        RunShardCommand(io, cancellation),
        StatusCommand(io),
        MergeCommand(io, cancellation),
        KubernetesCommand(io),
    };

    private static Command PlanCommand(CliIo io)
    {
        var file = CampaignFileArgument();
        var format = new Option<string>("--format")
        {
            Description = "text: a table; json: every shard; tsv: one line per machine class (id, first shard, shard count, GPUs, Slurm partition or -), for scripts",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "tsv");
        var command = new Command("plan", "Print the campaign's shards: the same index always gets the same machine class and model variants") { file, format };
        command.SetAction(parseResult =>
        {
            var campaign = CampaignLoader.Load(parseResult.GetValue(file)!);
            switch (parseResult.GetValue(format))
            {
                case "json":
                    io.Out.WriteLine(JsonSerializer.Serialize(PlanJson(campaign), new JsonSerializerOptions { WriteIndented = true }));
                    break;
                case "tsv":
                    foreach (var (machineClass, first, count) in CampaignShards.ByClass(campaign.Shards))
                        io.Out.WriteLine(string.Join('\t', machineClass.Id, Invariant(first), Invariant(count), Invariant(machineClass.GpuCount),
                            machineClass.Slurm?.Partition ?? "-"));
                    break;
                default:
                    var table = new Table().AddColumns("shard", "machine class", "GPUs", "instance", "model variants");
                    foreach (var shard in campaign.Shards)
                        table.AddRow(Invariant(shard.Index), Markup.Escape(shard.MachineClass.Id), Invariant(shard.MachineClass.GpuCount),
                            Markup.Escape(shard.MachineClass.Instance ?? "-"), Markup.Escape(string.Join(", ", shard.Work)));
                    Console(io).Write(table);
                    io.Out.WriteLine($"{campaign.Shards.Count} shards: inferbench campaign run {parseResult.GetValue(file)} --shard-index <0..{campaign.Shards.Count - 1}> --shard-count {campaign.Shards.Count}");
                    break;
            }
            return ExitCodes.AllOk;
        });
        return command;
    }

    private static Command RunShardCommand(CliIo io, CancellationToken cancellation)
    {
        var file = CampaignFileArgument();
        var index = new Option<int>("--shard-index") { Description = "The shard to run, 0 to the shard count - 1 (Slurm: SLURM_ARRAY_TASK_ID)", Required = true };
        var count = new Option<int>("--shard-count") { Description = "The campaign's shard count, as campaign plan prints it: a different count is refused", Required = true };
        var results = CommonOptions.Out("The shared results folder: the run folder goes to <out>/<campaign>/shard-<index>/<run id>", defaultValue: "results");
        var json = CommonOptions.Json("the run.json path");
        var command = new Command("run", "Run one shard of the campaign into an ordinary run folder that records the shard in run.json (fetching its Hugging Face variants first when they are not in the fetch cache)") { file, index, count, results, json };
        command.SetAction(parseResult =>
        {
            var campaign = CampaignLoader.Load(parseResult.GetValue(file)!);
            // A wrong index or count is refused before a fresh node downloads gigabytes for it.
            CampaignShardRun.Check(campaign, parseResult.GetValue(index), parseResult.GetValue(count));
            var fetchFailed = false;
            foreach (var work in CampaignShardRun.NotDownloaded(campaign, parseResult.GetValue(index)))
            {
                io.Error.WriteLine($"Fetching {work} first: it is not in the fetch cache");
                var fetched = InferBenchCli.Invoke(["fetch", work.Model, "--variant", work.Variant, "--manifest", campaign.ManifestFullPath],
                    io with { Out = io.Error }, cancellation);
                if (fetched == ExitCodes.Cancelled)
                    return fetched;
                fetchFailed |= fetched != ExitCodes.AllOk;
            }
            var shard = CampaignShardRun.Prepare(campaign, parseResult.GetValue(index), parseResult.GetValue(count), parseResult.GetValue(results)!,
                HostFactsProbe.Read(), DateTimeOffset.UtcNow, "inferbench " + string.Join(' ', parseResult.Tokens.Select(t => t.Value)));
            var output = shard.Configuration.Output;
            var folder = RunFolder.Create(output.ResultsFolder, output.StartedUtc, io.WriteRunFile);
            io.Error.WriteLine($"Shard {shard.Shard.Index} of {shard.Shard.Count} ({shard.Shard.MachineClass.Id}): {string.Join(", ", shard.Shard.Work)}");
            var exitCode = SessionRun.Execute(shard.Configuration, folder, shard.Targets, io, parseResult.GetValue(json), cancellation);
            // A variant that could not be fetched is a skipped row saying so; the shard still failed.
            return fetchFailed && exitCode is ExitCodes.AllOk or ExitCodes.NothingMeasured ? ExitCodes.SomeRowsFailed : exitCode;
        });
        return command;
    }

    private static Option<string> ResultsOption()
    {
        var option = new Option<string>("--results")
        {
            Description = "The shared results folder the shards wrote to (campaign run --out)",
            DefaultValueFactory = _ => "results",
        };
        // A file given for the folder is bad input (exit 2), not every shard "missing" (exit 1).
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } path && File.Exists(path))
                result.AddError($"--results: {Path.GetFullPath(path)} is a file; expected the results folder the shards wrote to");
        });
        return option;
    }

    private static Command StatusCommand(CliIo io)
    {
        var file = CampaignFileArgument();
        var results = ResultsOption();
        var command = new Command("status",
            "What each shard left (its newest complete run of the work the campaign file gives it now): ok, rows failed, nothing measured, unfinished, " +
            "stale (only runs of other work: the file changed since), missing, unreadable; exit 1 when a shard did not succeed") { file, results };
        command.SetAction(parseResult =>
        {
            var campaign = CampaignLoader.Load(parseResult.GetValue(file)!);
            return ReportShards(CampaignShardStatus.Read(campaign, parseResult.GetValue(results)!), io.Out);
        });
        return command;
    }

    /// <summary>The step after every shard has ended (Slurm's afterany, the Kubernetes merge Job): report the shards, merge what they left.</summary>
    private static Command MergeCommand(CliIo io, CancellationToken cancellation)
    {
        var file = CampaignFileArgument();
        var results = ResultsOption();
        var command = new Command("merge",
            "Report each shard (as campaign status), then inferbench merge the run folder status takes of each (a stale run is not merged) into <results>/<campaign>/merged; " +
            "exit 1 when a shard did not succeed, else merge's exit code") { file, results };
        command.SetAction(parseResult =>
        {
            var campaign = CampaignLoader.Load(parseResult.GetValue(file)!);
            var resultsRoot = parseResult.GetValue(results)!;
            var statuses = CampaignShardStatus.Read(campaign, resultsRoot);
            var shardsCode = ReportShards(statuses, io.Error);
            var folders = statuses.Where(status => status.HasResults).Select(status => status.RunFolder!).ToArray();
            if (folders.Length == 0)
            {
                io.Error.WriteLine("inferbench: campaign merge: no shard left a readable run folder, so there is nothing to merge");
                return ExitCodes.SomeRowsFailed;
            }
            var mergeCode = Commands.MergeCommand.Merge(folders, CampaignFolders.Merged(resultsRoot, campaign.Name), results.Name, [], null, io, cancellation);
            return mergeCode != ExitCodes.AllOk ? mergeCode : shardsCode;
        });
        return command;
    }

    private static int ReportShards(IReadOnlyList<ShardStatus> statuses, TextWriter text)
    {
        foreach (var status in statuses)
            text.WriteLine($"shard {status.Shard.Index} ({status.Shard.MachineClass.Id}: {string.Join(", ", status.Shard.Work)}): " +
                           $"{Label(status.Outcome)}: {status.Detail}" + (status.RunFolder is { } folder ? $" [{folder}]" : ""));
        var failed = statuses.Where(status => !status.Succeeded).ToArray();
        text.WriteLine(failed.Length == 0
            ? $"All {statuses.Count} shards succeeded."
            : $"{failed.Length} of {statuses.Count} shards did not succeed: {string.Join(", ", failed.Select(status => Invariant(status.Shard.Index)))}");
        return failed.Length == 0 ? ExitCodes.AllOk : ExitCodes.SomeRowsFailed;
    }

    private static Command KubernetesCommand(CliIo io)
    {
        var file = CampaignFileArgument();
        var output = CommonOptions.Out("File to write the YAML to instead of stdout");
        var command = new Command("k8s",
            "Kubernetes objects for the campaign: one Indexed Job per machine class (a completion per shard) and a merge Job (apply with kubectl apply -f)") { file, output };
        command.SetAction(parseResult =>
        {
            var yaml = KubernetesManifests.Yaml(CampaignLoader.Load(parseResult.GetValue(file)!));
            if (parseResult.GetValue(output) is { } path)
            {
                try
                {
                    AtomicFile.WriteAllText(Path.GetFullPath(path), yaml);
                }
                catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
                {
                    throw FileSystemProblem.WriteFailure([output.Name], $"cannot write {Path.GetFullPath(path)}: {FileSystemProblem.Reason(e, path)}", e);
                }
                io.Error.WriteLine($"Wrote {Path.GetFullPath(path)}");
            }
            else
            {
                io.Out.Write(yaml);
            }
            return ExitCodes.AllOk;
        });
        return command;
    }

    private static object PlanJson(LoadedCampaign campaign) => new
    {
        campaign = campaign.Name,
        shardCount = campaign.Shards.Count,
        shards = campaign.Shards.Select(shard => new
        {
            index = shard.Index,
            machineClass = shard.MachineClass.Id,
            gpuCount = shard.MachineClass.GpuCount,
            instance = shard.MachineClass.Instance,
            work = shard.Work.Select(work => work.ToString()),
        }),
    };

    private static string Label(ShardOutcome outcome) => outcome switch
    {
        ShardOutcome.Ok => "ok",
        ShardOutcome.NothingMeasured => "nothing measured",
        ShardOutcome.RowsFailed => "rows failed",
        ShardOutcome.Unfinished => "unfinished",
        ShardOutcome.Stale => "stale",
        ShardOutcome.Missing => "missing",
        _ => "unreadable",
    };

    private static IAnsiConsole Console(CliIo io)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Out) });
        if (!io.Interactive)
            console.Profile.Width = 200;
        return console;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
