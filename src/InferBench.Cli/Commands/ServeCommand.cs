using System.CommandLine;
using InferBench.Cli.Progress;
using InferBench.Configuration;
using InferBench.Engines;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Serving;
using InferBench.Telemetry;

namespace InferBench.Cli.Commands;

/// <summary>
/// <c>inferbench serve</c>: serves manifest models (or one folder) under load through a serving engine, closed loop at each
/// concurrency and open loop at each request rate, and writes the run folder as <c>run</c> does.
/// </summary>
public static class ServeCommand
{
    private const string AutoWord = "auto";

    /// <summary>What <c>serve</c> runs with no model named: the built-in synthetic model's int4 variant (built on first use, no download).</summary>
    private static readonly (string Model, string Variant) DefaultVariant = ("synthetic-llama-small", "int4");

    /// <summary>Measured requests per point when neither --requests nor --duration is given.</summary>
    private const int DefaultRequestsPerPoint = 32;

    private static readonly TargetOptions Targets = new(DefaultVariant);
    private static readonly Option<string> Engine = CreateEngineOption();
    private static readonly Option<int[]> Concurrency = IntListOption.CreateOrWord("--concurrency",
        $"Closed loop: requests kept in flight at each point, such as 1,2,4, or {AutoWord}: double from 1 until goodput (else throughput) stops "
        + "growing, a --slo target breaks or the engine's batch is full (default: 1,2,4 where --request-rate is not given, or is auto)",
        AutoWord, ServingPlanRanges.Concurrency, 1, 2, 4);
    private static readonly Option<double[]> RequestRate = NumberListOption.CreateOrWord("--request-rate",
        $"Open loop: requests/s offered at each point, such as 0.5,2, or {AutoWord}: 50%, 90% and 150% of the best closed-loop request throughput "
        + $"(default: {AutoWord} where --concurrency is not given, else none)",
        AutoWord, ServingPlanRanges.RequestRate);
    private static readonly Option<double> Burstiness = NumberOption.Create("--burstiness",
        "Open loop: shape of the gamma-distributed gaps between arrivals (1: Poisson; below 1 burstier, above 1 more even)", ServingPlanRanges.Burstiness, 1);
    private static readonly Option<int> Seed = IntOption.Create("--seed", "Seed of the arrivals, the drawn lengths and the random prompt tokens", RunPlanPoints.Seed, 42);
    private static readonly Option<int?> Requests = IntOption.CreateOptional("--requests",
        $"Measured requests per point, after the warmup (default: {DefaultRequestsPerPoint}, or none with --duration)", ServingPlanRanges.RequestsPerPoint);
    private static readonly Option<double?> Duration = NumberOption.Create("--duration",
        "The most seconds a point offers load (with --requests: whichever comes first)", ServingPlanRanges.SecondsPerPoint);
    private static readonly Option<int> WarmupRequests = IntOption.Create("--warmup-requests",
        "Requests at the start of each point left out of its statistics", ServingPlanRanges.WarmupRequests, 4);
    private static readonly Option<TokenRange> PromptTokens = TokenRangeOption.Create("--prompt-tokens",
        "Prompt length in tokens, such as 128, or a range drawn uniformly per request, such as 64-256", ServingPlanRanges.PromptTokens, new TokenRange(128, 128));
    private static readonly Option<TokenRange> GenTokens = TokenRangeOption.Create("--gen-tokens",
        "Generated tokens per request (end-of-sequence is masked until then), such as 64, or a range drawn uniformly per request, such as 16-128",
        ServingPlanRanges.OutputTokens, new TokenRange(64, 64));
    private static readonly Option<string?> LengthsFilePath = CreateLengthsFileOption();
    private static readonly Option<int> SharedPrefixTokens = IntOption.Create("--shared-prefix-tokens",
        "Tokens every prompt starts with, the same ones, for the engine's prefix cache (0: none)", ServingPlanRanges.SharedPrefixTokens, 0);
    private static readonly Option<int?> MaxBatch = IntOption.CreateOptional("--max-batch",
        "The most requests the engine runs in one step (default: the model's engine configuration, else the engine's default)",
        ServingConfigurationFactory.MaxBatchSize);
    private static readonly Option<int?> MaxScheduledTokens = IntOption.CreateOptional("--max-scheduled-tokens",
        "Continuous batching: the most tokens one engine step schedules (default: the engine's)", ServingConfigurationFactory.MaxScheduledTokens);
    private static readonly Option<string[]> Slo = CommonOptions.Slo("each request is judged against; goodput counts the requests/s that meet every one");
    private static readonly Option<string> Out = CommonOptions.Out("Folder that receives the run folder", defaultValue: "results");
    private static readonly PowerChoiceOptions PowerChoice = new();
    private static readonly PriceOptions Prices = new();
    private static readonly Option<bool> Json = CommonOptions.Json("the run.json path");

    public static Command Create(CliIo io, CancellationToken cancellation)
    {
        var command = new Command("serve",
            $"Serve models under load: requests arrive, join the running batch and leave (default: {DefaultVariant.Model}/{DefaultVariant.Variant} at "
            + $"concurrency 1,2,4, then request rates {AutoWord}); latency percentiles, goodput, saturation, energy and $/1M per load point")
        {
            Targets.Manifest, Targets.Model, Targets.Variant, Targets.ModelPath, Targets.ExecutionProvider, Engine, Concurrency, RequestRate, Burstiness,
            Requests, Duration, WarmupRequests, PromptTokens, GenTokens, LengthsFilePath, SharedPrefixTokens, MaxBatch, MaxScheduledTokens, Slo,
            Targets.Threads, Targets.ProviderOptions, Seed, Out, Prices.PricePerHour, Prices.Instance, Prices.UtilizationFraction, Json,
        };
        foreach (var option in PowerChoice.All)
            command.Options.Add(option);
        command.SetAction(parseResult => Execute(parseResult, io, cancellation));
        return command;
    }

    private static int Execute(ParseResult parseResult, CliIo io, CancellationToken cancellation)
    {
        var host = HostFactsProbe.Read();
        var configuration = ServingConfigurationFactory.Create(Inputs(parseResult, host), host);
        var targets = Targets.Read(parseResult, io);
        var folder = RunFolder.Create(configuration.Output.ResultsFolder, configuration.Output.StartedUtc, io.WriteRunFile);
        var json = parseResult.GetValue(Json);

        using var announce = new StopAnnouncement(io.Error, cancellation,
            "Stopping: the requests in flight are cancelled; the points that finished are kept (signal again to abort).");
        using var session = ServingSession.Start(configuration, folder, io.Error.WriteLine);
        SessionRun.WarnIfNoPower(io, configuration.Power.Source, session.PowerUnavailableReason);
        io.Error.WriteLine($"Serving {targets.Count} variant{(targets.Count == 1 ? "" : "s")} through {configuration.Engine.Name}; one line per load point:");
        var outcome = session.Run(targets, point => io.Error.WriteLine(ServingPointLine.Of(point)), cancellation);
        var points = outcome.Run.Serving ?? [];
        if (outcome.SaveFailed)
        {
            UnsavedFigures.Write(io.Error, outcome);
            return ExitCodes.ForServe(outcome.Cancelled, saveFailed: true, points);
        }

        if (json)
            io.Out.WriteLine(folder.RunJsonPath);
        else
            RunSummary.Write(io, outcome.Run, folder);
        var exitCode = ExitCodes.ForServe(outcome.Cancelled, saveFailed: false, points);
        if (exitCode == ExitCodes.NothingMeasured)
            io.Error.WriteLine($"inferbench: nothing was measured: {(points.Count == 0 ? "no variant to serve (0 points)" : $"no load point was measured; first reason: {points[0].Reason}")} (exit code {ExitCodes.NothingMeasured})");
        return exitCode;
    }

    /// <summary>What the options give, for <see cref="ServingConfigurationFactory.Create"/> to check.</summary>
    /// <exception cref="InputException">Two prices, or a power option that cannot rate this machine's CPU.</exception>
    private static RunInputs Inputs(ParseResult parseResult, HostFacts host)
    {
        var executionProvider = Targets.ReadExecutionProvider(parseResult);
        var plan = new RunPlanRecord(
            PromptTokens: [],
            GenTokens: [],
            BatchSizes: [],
            WarmupRepetitions: 0,
            MeasuredRepetitions: 0,
            parseResult.GetValue(Targets.Threads),
            parseResult.GetValue(Seed),
            executionProvider,
            PromptText: null,
            Targets.ReadProviderOptions(parseResult, executionProvider),
            LatencyTargets: LatencyTargetParser.Parse(parseResult.GetValue(Slo) ?? []) is { Count: > 0 } latencyTargets ? latencyTargets : null,
            Serving: LoadPlan(parseResult));
        var (powerChoice, cpu) = PowerChoice.Read(parseResult, host.CpuModel);
        Prices.RequireOnePrice(parseResult);
        return new RunInputs(plan, Prices.ReadUtilization(parseResult), parseResult.GetValue(Out)!, DateTimeOffset.UtcNow,
            "inferbench " + string.Join(' ', parseResult.Tokens.Select(t => t.Value)))
        {
            Engine = parseResult.GetValue(Engine)!,
            Power = powerChoice,
            Cpu = cpu,
            IdleSeconds = 0,
            PricePerHour = Prices.GivenPricePerHour(parseResult),
            Instance = parseResult.GetValue(Prices.Instance),
        };
    }

    /// <summary>
    /// The load plan as the options give it (unchecked). Neither --concurrency nor --request-rate given: concurrency 1,2,4,
    /// then automatic rates; one given: that loop only, except that automatic rates need the default concurrencies to measure first.
    /// </summary>
    private static ServingPlanRecord LoadPlan(ParseResult parseResult)
    {
        var (concurrencyGiven, rateGiven) = (parseResult.IsGiven(Concurrency), parseResult.IsGiven(RequestRate));
        var rates = parseResult.GetValue(RequestRate)!;
        var rateAuto = rates.Length == 0 && (rateGiven || !concurrencyGiven);
        var concurrencies = rateGiven && !rateAuto && !concurrencyGiven ? [] : parseResult.GetValue(Concurrency)!;
        var duration = parseResult.GetValue(Duration);
        return new ServingPlanRecord(
            parseResult.GetValue(Engine)!,
            concurrencies,
            ConcurrencyAuto: concurrencyGiven && concurrencies.Length == 0,
            rates,
            parseResult.GetValue(Burstiness),
            parseResult.GetValue(Seed),
            parseResult.GetValue(Requests) ?? (duration is null ? DefaultRequestsPerPoint : null),
            duration,
            parseResult.GetValue(WarmupRequests),
            Lengths(parseResult),
            parseResult.GetValue(SharedPrefixTokens),
            OutputLengthForced: true,
            parseResult.GetValue(MaxBatch),
            parseResult.GetValue(MaxScheduledTokens),
            rateAuto);
    }

    /// <summary>The lengths file (its ranges are read by the configuration factory), else fixed or uniform lengths from the options.</summary>
    private static ServingLengths Lengths(ParseResult parseResult)
    {
        if (parseResult.GetValue(LengthsFilePath) is { } file)
            return new ServingLengths(RequestLengths.FileKind, 0, 0, 0, 0, file);
        var (prompt, output) = (parseResult.GetValue(PromptTokens), parseResult.GetValue(GenTokens));
        return new ServingLengths(prompt.IsFixed && output.IsFixed ? RequestLengths.FixedKind : RequestLengths.UniformKind,
            prompt.Min, prompt.Max, output.Min, output.Max);
    }

    private static Option<string?> CreateLengthsFileOption()
    {
        var option = new Option<string?>("--lengths-file")
        {
            Description = $"A CSV of request lengths, one request per line, header {LengthsFile.PromptColumn},{LengthsFile.OutputColumn} "
                + $"(optionally ,{LengthsFile.SharedPrefixColumn}); requests take its lines in turn (not with --prompt-tokens or --gen-tokens)",
        };
        option.Validators.Add(result =>
        {
            if (new Option[] { PromptTokens, GenTokens }.FirstOrDefault(result.Parent.IsGiven) is { } other)
                result.AddError($"--lengths-file and {other.Name} cannot be used together: the file gives every request's lengths");
        });
        return option;
    }

    private static Option<string> CreateEngineOption()
    {
        var option = new Option<string>("--engine")
        {
            Description = "The serving engine that loads the models and serves the requests; "
                + string.Join("; ", InferenceEngines.Serving.Select(engine => $"{engine.Name} is {engine.Description}")),
            DefaultValueFactory = _ => InferenceEngines.Serving[0].Name,
        };
        option.AcceptOnlyFromAmong([.. InferenceEngines.Serving.Select(engine => engine.Name)]);
        return option;
    }
}
