using System.CommandLine;
using System.Globalization;
using InferBench.Configuration;
using InferBench.Engines;
using InferBench.Fidelity;
using InferBench.Reports;
using InferBench.Results;
using InferBench.Runner;
using InferBench.Statistics;
using InferBench.Telemetry;
using InferBench.Telemetry.Power;

namespace InferBench.Cli.Commands;

/// <summary><c>inferbench run</c>: benchmarks manifest models (or one folder) over the run plan.</summary>
public static class RunCommand
{
    private static readonly TargetOptions Targets = new();
    private static readonly Option<string> Engine = CreateEngineOption();
    private static readonly Option<int[]> PromptTokens = CommonOptions.PromptTokens(128, 512);
    private static readonly Option<int[]> GenTokens = CommonOptions.GenTokens(64);
    private const string AutoBatchWord = "auto";
    private static readonly Option<int[]> Batch = CreateBatchOption();
    private static readonly Option<int> MaxBatch = IntOption.Create("--max-batch",
        "--batch auto (and the default plan on CUDA): the largest batch tried", RunPlanPoints.AutoMaxBatchSize, 256);
    private static readonly Option<double> BatchMinGain = NumberOption.Percent("--batch-min-gain",
        "--batch auto (and the default plan on CUDA): stop doubling when decode tok/s gained less than this many percent over two doublings, such as 10 or 10% (0: never)",
        RunPlanPoints.AutoMinGainPercent, 10);
    private static readonly Option<string[]> Slo = CommonOptions.Slo("each row is judged against");
    private static readonly Option<int> Warmup = IntOption.Create("--warmup", "Warmup repetitions per point (not in statistics)", RunPlanPoints.WarmupRepetitions, 1);
    private const string AutoReps = "auto";
    private static readonly Option<string> Reps = CreateRepsOption();
    private static readonly Option<double> TargetCi = NumberOption.Percent("--target-ci",
        "--reps auto: target half-width of the 95% interval of median decode tok/s, in percent of the median, such as 2 or 2%", RunPlanPoints.AutoTargetHalfWidthPercent, 2);
    private static readonly Option<int> MaxReps = IntOption.Create("--max-reps",
        "--reps auto: the most measured repetitions per point", RunPlanPoints.AutoMaxRepetitions, 50);
    private static readonly Option<double> MaxSecondsPerPoint = NumberOption.Create("--max-seconds-per-point",
        "--reps auto: the most seconds of measured repetitions per point (at least 3 repetitions run)", RunPlanPoints.AutoMaxSecondsPerPoint, 60);
    private static readonly Option<int> Rounds = IntOption.Create("--rounds",
        "Sweep the variants this many times, even rounds in reverse order; the report shows each point's drift between rounds", RunPlanPoints.Rounds, 1);
    private static readonly Option<string> Out = CommonOptions.Out("Folder that receives the run folder", defaultValue: "results");
    private static readonly Option<int> Seed = IntOption.Create("--seed", "Seed of the random prompt tokens", RunPlanPoints.Seed, 42);
    private static readonly Option<string?> PromptText = new("--prompt-text")
    {
        Description = "Use this text, tokenized by the model's tokenizer, as the prompt instead of random tokens",
    };
    private static readonly PowerChoiceOptions PowerChoice = new();
    private static readonly Option<double> IdleSeconds = NumberOption.Create("--idle-seconds",
        "Idle power is measured this long before and after the sweep, for net-of-idle J/token (0: skip)", PowerInputs.IdleSeconds, 2);
    private static readonly Option<double> SteadyMaxSeconds = NumberOption.Create("--steady-max-seconds",
        "NVML runs: before each point's measured repetitions, repeat the warmup generation until GPU power and temperature settle, for at most this long (0: off)",
        PowerInputs.SteadyMaxSeconds, SteadyStatePlan.Default.MaxSeconds);
    private static readonly Option<double> SteadyWindowSeconds = NumberOption.Create("--steady-window-seconds",
        "Window the settling slopes are fitted over", PowerInputs.SteadyWindowSeconds, SteadyStatePlan.Default.WindowSeconds);
    private static readonly Option<double> SteadyPowerSlope = NumberOption.Percent("--steady-power-slope",
        "Settled when board power changes by at most this many percent of its mean per second, such as 0.5 or 0.5%", PowerInputs.SteadyPowerSlopePercentPerSecond,
        SteadyStatePlan.Default.PowerSlopePercentPerSecond);
    private static readonly Option<double> SteadyTempSlope = NumberOption.Create("--steady-temp-slope",
        "Settled when the GPU temperature changes by at most this many °C per second", PowerInputs.SteadyTemperatureSlopeCelsiusPerSecond,
        SteadyStatePlan.Default.TemperatureSlopeCelsiusPerSecond);
    private static readonly PriceOptions Prices = new();
    private static readonly Option<bool> Fidelity = CreateFidelityOption();
    private static readonly Option<int> QualityTokens = IntOption.Create("--quality-tokens",
        "Quality on text: the most tokens of the evaluation text scored per variant (models with a tokenizer); with --quality-method llama.cpp the fewest, rounded up to whole chunks", RunPlanPoints.QualityTokens,
        TextQualityOptions.DefaultMaxScoredTokens);
    private static readonly Option<string?> QualityText = new("--quality-text")
    {
        Description = "Measure quality on this UTF-8 text file instead of WikiText-2's test split (fetched with `inferbench fetch wikitext-2`)",
    };
    private static readonly Option<string> QualityMethod = CreateQualityMethodOption();
    private static readonly Option<bool> Json = CommonOptions.Json("the run.json path");

    public static Command Create(CliIo io, CancellationToken cancellation)
    {
        var command = new Command("run", "Benchmark models: speed and memory per model x variant x plan point")
        {
            Targets.Manifest, Targets.Model, Targets.Variant, Targets.ModelPath, Targets.ExecutionProvider, Engine, PromptTokens, GenTokens,
            Batch, MaxBatch, BatchMinGain, Slo, Warmup, Reps, TargetCi, MaxReps, MaxSecondsPerPoint, Rounds, Targets.Threads, Out, Seed, PromptText,
            Targets.ProviderOptions, IdleSeconds,
            SteadyMaxSeconds, SteadyWindowSeconds, SteadyPowerSlope, SteadyTempSlope,
            Prices.PricePerHour, Prices.Instance, Prices.UtilizationFraction, Fidelity, QualityTokens, QualityText, QualityMethod, Json,
        };
        foreach (var option in PowerChoice.All)
            command.Options.Add(option);
        command.SetAction(parseResult => Execute(parseResult, io, cancellation));
        return command;
    }

    private static int Execute(ParseResult parseResult, CliIo io, CancellationToken cancellation)
    {
        var host = HostFactsProbe.Read();
        var configuration = RunConfigurationFactory.Create(Inputs(parseResult, host), host);
        var targets = Targets.Read(parseResult, io);
        var folder = RunFolder.Create(configuration.Output.ResultsFolder, configuration.Output.StartedUtc, io.WriteRunFile);
        return SessionRun.Execute(configuration, folder, targets, io, parseResult.GetValue(Json), cancellation);
    }

    /// <summary>What the options give, for <see cref="RunConfigurationFactory.Create"/> to check.</summary>
    /// <exception cref="InputException">Options that cannot be used together, or a power option that cannot rate this machine's CPU.</exception>
    private static RunInputs Inputs(ParseResult parseResult, HostFacts host)
    {
        var plan = Plan(parseResult);
        var (powerChoice, cpu) = PowerChoice.Read(parseResult, host.CpuModel);
        Prices.RequireOnePrice(parseResult);
        return new RunInputs(plan, Prices.ReadUtilization(parseResult), parseResult.GetValue(Out)!, DateTimeOffset.UtcNow,
            "inferbench " + string.Join(' ', parseResult.Tokens.Select(t => t.Value)))
        {
            Engine = parseResult.GetValue(Engine)!,
            Power = powerChoice,
            Cpu = cpu,
            IdleSeconds = parseResult.GetValue(IdleSeconds),
            PricePerHour = Prices.GivenPricePerHour(parseResult),
            Instance = parseResult.GetValue(Prices.Instance),
            Fidelity = parseResult.GetValue(Fidelity),
        };
    }

    /// <summary>The plan as the options give it (unchecked).</summary>
    /// <exception cref="InputFieldException">A provider option or latency target that cannot be parsed.</exception>
    private static RunPlanRecord Plan(ParseResult parseResult)
    {
        var executionProvider = Targets.ReadExecutionProvider(parseResult);
        var fixedReps = FixedReps(parseResult.GetValue(Reps)!);
        var batchSizes = parseResult.GetValue(Batch)!;
        // The default plan doubles the batch where a variant runs on CUDA and keeps the list on the CPU; a given list is kept
        // everywhere; --batch auto (no sizes) doubles it everywhere.
        var autoBatch = batchSizes.Length > 0 && parseResult.IsGiven(Batch)
            ? null
            : new AutoBatch(parseResult.GetValue(MaxBatch), parseResult.GetValue(BatchMinGain), CudaOnly: batchSizes.Length > 0);
        return new RunPlanRecord(
            parseResult.GetValue(PromptTokens)!,
            parseResult.GetValue(GenTokens)!,
            batchSizes,
            parseResult.GetValue(Warmup),
            fixedReps ?? AutoRepetitionStopper.MinimumRepetitions,
            parseResult.GetValue(Targets.Threads),
            parseResult.GetValue(Seed),
            executionProvider,
            parseResult.GetValue(PromptText),
            Targets.ReadProviderOptions(parseResult, executionProvider),
            parseResult.GetValue(Rounds),
            fixedReps is null
                ? new AutoRepetitions(parseResult.GetValue(TargetCi), parseResult.GetValue(MaxReps), parseResult.GetValue(MaxSecondsPerPoint))
                : null,
            new SteadyStatePlan(parseResult.GetValue(SteadyMaxSeconds), parseResult.GetValue(SteadyWindowSeconds),
                parseResult.GetValue(SteadyPowerSlope), parseResult.GetValue(SteadyTempSlope)),
            autoBatch,
            LatencyTargetParser.Parse(parseResult.GetValue(Slo) ?? []) is { Count: > 0 } latencyTargets ? latencyTargets : null,
            QualityTokens: parseResult.GetValue(QualityTokens),
            QualityText: parseResult.GetValue(QualityText),
            QualityMethod: ReadQualityMethod(parseResult));
    }

    /// <summary>--quality-method: null for the default text method, so a plan records only a method that is not the default.</summary>
    private static Results.QualityMethod? ReadQualityMethod(ParseResult parseResult) =>
        // The option accepts only the two methods' names, so the name is always found.
        JsonEnumName.Find<Results.QualityMethod>(parseResult.GetValue(QualityMethod)!) is Results.QualityMethod.LlamaCpp ? Results.QualityMethod.LlamaCpp : null;

    private static Option<string> CreateQualityMethodOption()
    {
        var option = new Option<string>("--quality-method")
        {
            Description = $"Quality on text: {JsonEnumName.Of(Results.QualityMethod.Text)} scores every token once in overlapping windows "
                + $"(--quality-tokens of them, each after the first window with at least 256 tokens of context); {JsonEnumName.Of(Results.QualityMethod.LlamaCpp)} scores as "
                + "llama.cpp's llama-perplexity does (non-overlapping 512-token chunks, BOS at each chunk's start where the tokenizer adds one, second halves scored), "
                + "for figures to set beside llama.cpp tables",
            DefaultValueFactory = _ => JsonEnumName.Of(Results.QualityMethod.Text),
        };
        option.AcceptOnlyFromAmong(JsonEnumName.Of(Results.QualityMethod.Text), JsonEnumName.Of(Results.QualityMethod.LlamaCpp));
        return option;
    }

    /// <summary>--reps N or --reps auto; the auto-only options are refused with a fixed count, which would ignore them.</summary>
    private static Option<string> CreateRepsOption()
    {
        var option = new Option<string>("--reps")
        {
            Description = $"Measured repetitions per point, or {AutoReps}: repeat until median decode tok/s is within --target-ci (at least 3, at most --max-reps and --max-seconds-per-point)",
            DefaultValueFactory = _ => "3",
        };
        option.Validators.Add(result =>
        {
            var reps = result.GetValueOrDefault<string>();
            if (reps != AutoReps && FixedReps(reps) is null)
                result.AddError($"--reps: expected {RunPlanPoints.MeasuredRepetitions.Expected}, or {AutoReps}, got \"{reps}\"");
            else if (reps != AutoReps
                     && new Option[] { TargetCi, MaxReps, MaxSecondsPerPoint }.FirstOrDefault(result.Parent.IsGiven) is { } autoOnly)
                result.AddError($"{autoOnly.Name} applies only to --reps {AutoReps}; this run has a fixed --reps {reps}");
        });
        return option;
    }

    /// <summary>--fidelity; --fidelity false with a quality option is refused, as the run would ignore that option.</summary>
    private static Option<bool> CreateFidelityOption()
    {
        var option = new Option<bool>("--fidelity")
        {
            Description = "After the speed sweep, measure each model's quality: perplexity on text and drift from its highest-precision variant "
                + "(models with a tokenizer), else drift on random tokens from its fp32 (else fp16) variant (--fidelity false: skip)",
            DefaultValueFactory = _ => true,
        };
        option.Validators.Add(result =>
        {
            if (!result.GetValueOrDefault<bool>()
                && new Option[] { QualityTokens, QualityText, QualityMethod }.FirstOrDefault(result.Parent.IsGiven) is { } qualityOnly)
                result.AddError($"{qualityOnly.Name} applies only when quality is measured; this run has --fidelity false");
        });
        return option;
    }

    /// <summary>--batch N,M or --batch auto; the auto-only options are refused with a list, which would ignore them.</summary>
    private static Option<int[]> CreateBatchOption()
    {
        var option = IntListOption.CreateOrWord("--batch",
            $"Batch sizes, or {AutoBatchWord}: double the batch from 1 until it does not fit, the runtime refuses it, throughput stops growing "
            + "(--batch-min-gain), a --slo target breaks or --max-batch (default: auto where a variant runs on CUDA, 1,4 on the CPU)",
            AutoBatchWord, RunPlanPoints.BatchSizes, 1, 4);
        option.Validators.Add(result =>
        {
            if (!result.Implicit && result.Tokens is not [{ Value: AutoBatchWord }]
                && new Option[] { MaxBatch, BatchMinGain }.FirstOrDefault(result.Parent.IsGiven) is { } autoOnly)
                result.AddError($"{autoOnly.Name} applies only to --batch {AutoBatchWord} (or the default plan's CUDA rows); this run has --batch {string.Join(',', result.Tokens.Select(t => t.Value))}");
        });
        return option;
    }

    /// <summary>The count of a fixed --reps; null for auto (or text that is no whole number, which the option's validator refuses).</summary>
    private static int? FixedReps(string reps) =>
        int.TryParse(reps, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : null;

    private static Option<string> CreateEngineOption()
    {
        var option = new Option<string>("--engine")
        {
            Description = "The inference engine that loads the models and generates; "
                + string.Join("; ", InferenceEngines.All.Select(engine => $"{engine.Name} is {engine.Description}")),
            DefaultValueFactory = _ => InferenceEngines.Default.Name,
        };
        option.AcceptOnlyFromAmong([.. InferenceEngines.All.Select(engine => engine.Name)]);
        return option;
    }
}
