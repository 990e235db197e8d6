using System.CommandLine;
using InferBench.Cli.Progress;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Telemetry;
using InferBench.Telemetry.Power;

namespace InferBench.Cli.Commands;

/// <summary><c>inferbench run</c>: benchmarks manifest models (or one folder) over the run plan.</summary>
public static class RunCommand
{
    private static readonly Option<string> Manifest = new("--manifest")
    {
        Description = "Model manifest to read",
        DefaultValueFactory = _ => "models.manifest.json",
    };
    private static readonly Option<string[]> Model = new("--model")
    {
        Description = "Only these manifest models (by id; repeatable)",
        AllowMultipleArgumentsPerToken = true,
    };
    private static readonly Option<string[]> Variant = new("--variant")
    {
        Description = "Only these variants (by id; repeatable)",
        AllowMultipleArgumentsPerToken = true,
    };
    private static readonly Option<string?> ModelPath = CreateModelPathOption();
    private static readonly Option<string> ExecutionProvider = CreateExecutionProviderOption();
    private static readonly Option<int[]> PromptTokens = IntListOption.Create("--prompt-tokens", "Prompt lengths in tokens", RunPlanPoints.PromptTokens, 128, 512);
    private static readonly Option<int[]> GenTokens = IntListOption.Create("--gen-tokens", "Generated tokens per sequence (at least 2)", RunPlanPoints.GenTokens, 64);
    private static readonly Option<int[]> Batch = IntListOption.Create("--batch", "Batch sizes", RunPlanPoints.BatchSizes, 1, 4);
    private static readonly Option<int> Warmup = IntOption.Create("--warmup", "Warmup repetitions per point (not in statistics)", RunPlanPoints.WarmupRepetitions, 1);
    private static readonly Option<int> Reps = IntOption.Create("--reps", "Measured repetitions per point", RunPlanPoints.MeasuredRepetitions, 3);
    private static readonly Option<int?> Threads = IntOption.CreateOptional("--threads",
        "ONNX Runtime intra-op threads, at most one per logical core (default: ONNX Runtime's choice)", RunPlanPoints.IntraOpThreads(Environment.ProcessorCount));
    private static readonly Option<string> Out = new("--out") { Description = "Folder that receives the run folder", DefaultValueFactory = _ => "results" };
    private static readonly Option<int> Seed = IntOption.Create("--seed", "Seed of the random prompt tokens", RunPlanPoints.Seed, 42);
    private static readonly Option<string?> PromptText = new("--prompt-text")
    {
        Description = "Use this text, tokenized by the model's tokenizer, as the prompt instead of random tokens",
    };
    private static readonly Option<string[]> ProviderOptions = new("--provider-option")
    {
        Description = "Execution-provider option key=value for --ep cuda (repeatable), such as enable_cuda_graph=1; recorded in run.json",
    };
    private static readonly PowerChoiceOptions PowerChoice = new();
    private static readonly Option<double> IdleSeconds = NumberOption.Create("--idle-seconds",
        "Idle power is measured this long before and after the sweep, for net-of-idle J/token (0: skip)", PowerInputs.IdleSeconds, 2);
    private static readonly PriceOptions Prices = new();
    private static readonly Option<bool> Fidelity = new("--fidelity")
    {
        Description = "After the speed sweep, measure each variant's drift from its model's fp32 (else fp16) variant (--fidelity false: skip)",
        DefaultValueFactory = _ => true,
    };
    private static readonly Option<bool> Json = new("--json") { Description = "Print only the run.json path on stdout (for scripts)" };

    public static Command Create(CliIo io, CancellationToken cancellation)
    {
        var command = new Command("run", "Benchmark models: speed and memory per model x variant x plan point")
        {
            Manifest, Model, Variant, ModelPath, ExecutionProvider, PromptTokens, GenTokens, Batch,
            Warmup, Reps, Threads, Out, Seed, PromptText, ProviderOptions, IdleSeconds,
            Prices.PricePerHour, Prices.GpuInstance, Prices.UtilizationFraction, Fidelity, Json,
        };
        foreach (var option in PowerChoice.All)
            command.Options.Add(option);
        command.SetAction(parseResult => Execute(parseResult, io, cancellation));
        return command;
    }

    private static int Execute(ParseResult parseResult, CliIo io, CancellationToken cancellation)
    {
        using var announce = cancellation.Register(() => io.Error.WriteLine(
            "Stopping after the current repetition (an idle measurement stops at once); results so far are kept (signal again to abort)."));
        var executionProvider = parseResult.GetValue(ExecutionProvider)!;
        var plan = new RunPlanRecord(
            parseResult.GetValue(PromptTokens)!,
            parseResult.GetValue(GenTokens)!,
            parseResult.GetValue(Batch)!,
            parseResult.GetValue(Warmup),
            parseResult.GetValue(Reps),
            parseResult.GetValue(Threads),
            parseResult.GetValue(Seed),
            executionProvider,
            parseResult.GetValue(PromptText),
            ProviderOptionParser.Parse(parseResult.GetValue(ProviderOptions) ?? [], executionProvider));
        RunPlanPoints.Validate(plan, Environment.ProcessorCount);
        if (plan.PromptText is { Length: 0 })
            throw new InputException("--prompt-text: expected some text, got an empty string");
        var host = HostFactsProbe.Read();
        var (powerChoice, cpu) = PowerChoice.Read(parseResult, host.CpuModel);
        if (PowerSources.ProblemFor(powerChoice, plan.ExecutionProvider) is { } powerProblem)
            throw new InputException($"--power {powerChoice.ToString().ToLowerInvariant()}: {powerProblem}");
        var idle = PowerInputs.IdleDuration(parseResult.GetValue(IdleSeconds));
        var cost = Prices.RunSetup(parseResult);

        var targets = parseResult.GetValue(ModelPath) is { } modelPath
            ? [TargetSelection.FromFolder(modelPath)]
            : ManifestTargets(parseResult, io);
        var startedUtc = DateTimeOffset.UtcNow;
        var folder = RunFolder.Create(parseResult.GetValue(Out)!, startedUtc, Out.Name, io.WriteRunFile);
        var runnable = ExecutionProviderChoice.RunnableHere(BuildFlavour.IsCuda, nvidiaGpu: host.Gpus.Count > 0);
        using var meter = powerChoice == PowerSourceChoice.None
            ? null
            : PowerMeter.Start(powerChoice, PowerOptions.FromEnvironment(host, cpu, ProviderOptionParser.CudaDeviceOf(plan)), new PowerMeterOptions(),
                PowerSources.AutoOrderFor(runnable.Contains(ExecutionProviderChoice.Cuda) ? plan.ExecutionProvider : ExecutionProviderChoice.Cpu));
        if (meter is { Selection.Source: null })
            io.Error.WriteLine($"inferbench: warning: no power source could be opened (--power {powerChoice.ToString().ToLowerInvariant()}), " +
                               $"so this run's energy figures are unavailable: {meter.Selection.UnavailableReason}");
        var measuring = meter?.Selection.Source is not null;
        PowerWindowResult? MeasureIdle(string when)
        {
            var window = meter!.MeasureIdle(idle, cancellation);
            if (cancellation.IsCancellationRequested)
                io.Error.WriteLine(FormattableString.Invariant(
                    $"Idle measurement {when} the sweep stopped after {window.Duration.TotalSeconds:0.0#} of {idle.TotalSeconds:0.##} s; run.json records the seconds it lasted."));
            return window;
        }
        var idleBefore = measuring && idle > TimeSpan.Zero ? MeasureIdle("before") : null;
        var energy = measuring ? new SweepEnergy(meter!, idleBefore is null ? null : new IdleBaseline(idleBefore, null)) : null;
        var run = new RunResult
        {
            RunId = folder.RunId,
            StartedUtc = startedUtc,
            CommandLine = "inferbench " + string.Join(' ', parseResult.Tokens.Select(t => t.Value)),
            Plan = plan,
            Host = host,
            Software = SoftwareVersionsProbe.Read(),
            Power = meter is null ? null : PowerSetupOf(meter, idle, idleBefore, idleAfter: null),
            Cost = cost,
            State = RunState.InProgress,
        };
        var rows = new List<ScenarioResult>();
        var saved = run;
        void Save(RunResult next)
        {
            try
            {
                folder.WriteAll(next);
            }
            catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
            {
                throw new RunSaveException(folder.FullPath, e);
            }
            saved = next;
        }

        try
        {
            Save(run);
            var sweep = (IRunProgress progress) => new SweepRunner(plan, progress, row =>
            {
                rows.Add(row);
                Save(run with { Results = rows.ToArray() });
            }, energy, runnable).Run(targets, cancellation);
            if (io.Interactive && !parseResult.GetValue(Json))
                SpectreRunProgress.Run(sweep);
            else
                sweep(new PlainRunProgress(io.Error));
        }
        catch (RunSaveException e)
        {
            return StopIncomplete(io, folder, saved, e, cancellation.IsCancellationRequested);
        }

        IReadOnlyList<ScenarioResult> results = rows.ToArray();
        if (parseResult.GetValue(Fidelity) && !cancellation.IsCancellationRequested)
            results = FidelitySweep.Attach(results, targets, plan, io.Error.WriteLine, cancellation);

        var idleAfter = measuring && idle > TimeSpan.Zero && !cancellation.IsCancellationRequested ? MeasureIdle("after") : null;
        if (meter is not null)
            run = run with { Power = PowerSetupOf(meter, idle, idleBefore, idleAfter) };
        var cancelled = cancellation.IsCancellationRequested;
        var finished = run with
        {
            Results = results,
            FinishedUtc = DateTimeOffset.UtcNow,
            Cancelled = cancelled,
            State = cancelled ? RunState.Cancelled : RunState.Complete,
        };
        try
        {
            Save(finished);
        }
        catch (RunSaveException e)
        {
            return StopIncomplete(io, folder, saved, e, cancellation.IsCancellationRequested);
        }
        if (parseResult.GetValue(Json))
            io.Out.WriteLine(folder.RunJsonPath);
        else
            RunSummary.Write(io, finished, folder);
        var exitCode = ExitCodes.ForRun(cancelled, saveFailed: false, results);
        if (exitCode == ExitCodes.NothingMeasured)
            io.Error.WriteLine($"inferbench: nothing was measured: {NothingMeasuredReason(results)} (exit code {ExitCodes.NothingMeasured})");
        return exitCode;
    }

    private static string NothingMeasuredReason(IReadOnlyList<ScenarioResult> results) => results.Count == 0
        ? "no variant to run (0 rows)"
        : $"every row is unsupported or skipped; first reason: {results[0].Reason}";

    /// <summary>
    /// A save failed: the run stops, its files keep the last good save, and run.json is marked incomplete. When even
    /// that cannot be written, run.json keeps saying in-progress, which report and compare also show as partial.
    /// </summary>
    private static int StopIncomplete(CliIo io, RunFolder folder, RunResult lastGood, RunSaveException failure, bool cancelled)
    {
        io.Error.WriteLine($"inferbench: {failure.Message}");
        var marked = lastGood with { State = RunState.Incomplete, FinishedUtc = DateTimeOffset.UtcNow };
        try
        {
            folder.WriteRunJson(marked);
            io.Error.WriteLine($"The run stopped; {folder.FullPath} holds the last good save ({lastGood.Results.Count} rows), marked incomplete.");
        }
        catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
        {
            io.Error.WriteLine($"The run stopped; {folder.FullPath} holds the last good save ({lastGood.Results.Count} rows), "
                + $"but it could not be marked incomplete either ({e.Message}): its run.json still says in-progress, which also reads as partial.");
            return ExitCodes.ForRun(cancelled, saveFailed: true, lastGood.Results);
        }
        try
        {
            folder.WriteReports(marked);
        }
        catch (Exception e) when (FileSystemProblem.IsFileSystemFailure(e))
        {
            io.Error.WriteLine($"The reports were not rewritten ({e.Message}); `inferbench report {folder.FullPath}` renders them once there is room.");
        }
        return ExitCodes.ForRun(cancelled, saveFailed: true, lastGood.Results);
    }

    /// <summary>
    /// The manifest's variants. Without --model/--variant, only what can run here is swept (a manifest of real
    /// models is mostly not downloaded); naming a model or variant reports it even when it is absent.
    /// </summary>
    private static IReadOnlyList<BenchmarkTarget> ManifestTargets(ParseResult parseResult, CliIo io)
    {
        var models = parseResult.GetValue(Model) ?? [];
        var variants = parseResult.GetValue(Variant) ?? [];
        var targets = TargetSelection.FromManifest(parseResult.GetValue(Manifest)!, models, variants);
        if (models.Length > 0 || variants.Length > 0)
            return targets;
        var absent = targets.Where(t => t.UnavailableReason is not null).ToArray();
        if (absent.Length > 0)
            io.Error.WriteLine($"Not swept (not on this machine; name them with --model to see why): {string.Join(", ", absent.Select(t => $"{t.Model}/{t.Variant}"))}");
        return targets.Except(absent).ToArray();
    }

    private static PowerSetup PowerSetupOf(PowerMeter meter, TimeSpan idle, PowerWindowResult? idleBefore, PowerWindowResult? idleAfter)
    {
        var source = meter.Selection.Source;
        var label = source is null ? EnergySource.Unavailable
            : source.CounterSource != EnergySource.Unavailable ? source.CounterSource
            : source.PowerSource;
        return new PowerSetup(
            JsonEnumName.Of(label),
            source?.Method ?? "none",
            source?.Notes ?? [],
            meter.Selection.UnavailableReason,
            idle.TotalSeconds,
            idleBefore?.AveragePower?.Watts,
            idleAfter?.AveragePower?.Watts,
            source is null ? [] : meter.Snapshot().Select(d => d.Device.Name).ToArray(),
            idleBefore?.Duration.TotalSeconds,
            idleAfter?.Duration.TotalSeconds);
    }

    private static Option<string?> CreateModelPathOption()
    {
        var option = new Option<string?>("--model-path")
        {
            Description = "Benchmark this ONNX Runtime GenAI model folder instead of the manifest (not with --manifest, --model or --variant)",
        };
        option.Validators.Add(result =>
        {
            var manifestOptions = new Option[] { Manifest, Model, Variant }.Where(o => result.Parent?.GetResult(o) is { Implicit: false });
            if (manifestOptions.FirstOrDefault() is { } other)
                result.AddError($"--model-path and {other.Name} cannot be used together: --model-path benchmarks one folder instead of the manifest's models");
        });
        return option;
    }

    private static Option<string> CreateExecutionProviderOption()
    {
        var option = new Option<string>("--ep")
        {
            Description = "Execution provider: auto (what the model asks for: a manifest variant's first provider this build and host can run, "
                + "a model folder's genai_config.json provider), cpu, or cuda (needs the CUDA build and an NVIDIA GPU)",
            DefaultValueFactory = _ => ExecutionProviderChoice.Auto,
        };
        option.AcceptOnlyFromAmong(ExecutionProviderChoice.Choices);
        return option;
    }
}
