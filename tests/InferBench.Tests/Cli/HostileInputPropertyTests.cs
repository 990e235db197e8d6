using System.Globalization;
using System.Reflection;
using CsCheck;
using InferBench.Cli;
using InferBench.Cost.Units;
using InferBench.Quantization;
using InferBench.Runner;
using InferBench.Synthetic;
using InferBench.Telemetry.Power;
using InferBench.Tests.Support;

namespace InferBench.Tests.Cli;

/// <summary>
/// Whatever a user types, inferbench ends with a documented exit code and a message, never an internal error (exit 3)
/// or a stack trace. Generated command lines for the commands that check their input before loading a model, so
/// each property runs in well under a second.
/// </summary>
public sealed class HostileInputPropertyTests : IDisposable
{
    /// <summary>A fixed PCG seed (stream 1, state 42): every run of the suite tries the same command lines.</summary>
    private const string Seed = "0000000000J1";
    private const int CommandLines = 120;

    /// <summary>Every documented exit code but the one for InferBench's own bugs (and Ctrl-C, which no test sends).</summary>
    private static readonly int[] AllowedExitCodes = typeof(ExitCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.Name is not (nameof(ExitCodes.InternalError) or nameof(ExitCodes.Cancelled)))
        .Select(field => (int)field.GetRawConstantValue()!)
        .ToArray();

    private static readonly string[] HostileNumbers =
    [
        "NaN", "nan", "Infinity", "-Infinity", "∞", "1e309", "-1e309", "1e300", "1e-300", "-1e-300", "4.9e-324", "-0", "0", "-1",
        "", " ", "abc", "1,5", "0x10", "1e3", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "1e12",
        "99999999999999999999", "--bogus", "-", "1.5", "0.0000001",
    ];

    private static readonly Gen<string> AnyNumber = Gen.OneOf(
        Gen.OneOf(HostileNumbers),
        Gen.Double.Select(Text),
        Gen.Int.Select(value => value.ToString(CultureInfo.InvariantCulture)),
        Gen.Long.Select(value => value.ToString(CultureInfo.InvariantCulture)));

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Run_options_with_any_values_end_in_a_documented_exit_code()
    {
        string[] options =
        [
            "--prompt-tokens", "--gen-tokens", "--batch", "--warmup", "--reps", "--threads", "--seed", "--idle-seconds",
            "--steady-max-seconds", "--steady-window-seconds", "--steady-power-slope", "--steady-temp-slope",
            "--price-per-hour", "--utilization", "--cpu-tdp-watts", "--prompt-text", "--ep", "--instance", "--gpu", "--bogus",
            "--max-batch", "--batch-min-gain", "--slo",
        ];
        var prefix = RunPrefix();

        ForAll(Gen.OneOf(options).Select(AnyNumber).Array[1, 4]
            .Select(pairs => prefix.Concat(pairs.SelectMany(pair => new[] { pair.Item1, pair.Item2 })).ToArray()));
    }

    [Fact]
    public void Run_command_lines_of_any_tokens_end_in_a_documented_exit_code()
    {
        string[] vocabulary =
        [
            "--prompt-tokens", "--gen-tokens", "--batch", "--warmup", "--reps", "--threads", "--idle-seconds", "--price-per-hour",
            "--utilization", "--json", "--bogus", "-x", "--", "1", "2", "0", "-1", "1,2", "NaN", "true",
        ];
        var prefix = RunPrefix();

        ForAll(Gen.OneOf(Gen.OneOf(vocabulary), AnyNumber, Gen.String).Array[0, 8]
            .Select(tokens => prefix.Concat(tokens).ToArray()));
    }

    [Fact]
    public void Serve_options_with_any_values_end_in_a_documented_exit_code()
    {
        string[] options =
        [
            "--concurrency", "--request-rate", "--burstiness", "--requests", "--duration", "--warmup-requests", "--prompt-tokens",
            "--gen-tokens", "--shared-prefix-tokens", "--max-batch", "--max-scheduled-tokens", "--seed", "--threads", "--slo",
            "--price-per-hour", "--lengths-file", "--bogus",
        ];
        var folder = Directory.CreateDirectory(_temp.Combine("empty-model")).FullName;
        string[] prefix = ["serve", "--model-path", folder, "--out", _temp.Combine("results"), "--power", "none"];

        ForAll(Gen.OneOf(options).Select(AnyNumber).Array[1, 4]
            .Select(pairs => prefix.Concat(pairs.SelectMany(pair => new[] { pair.Item1, pair.Item2 })).ToArray()));
    }

    [Fact]
    public void Cost_with_any_numbers_ends_in_a_documented_exit_code()
    {
        (string Option, InputRange Range)[] inputs =
        [
            ("--price-per-hour", CostInputs.PricePerHourUsd), ("--hours-per-month", CostInputs.HoursPerMonth),
            ("--utilization", CostInputs.Utilization), ("--tokens-per-second", CostInputs.TokensPerSecond),
            ("--prompt-tokens-per-second", CostInputs.PromptTokensPerSecond), ("--joules-per-token", CostInputs.JoulesPerToken),
            ("--electricity-usd-per-kwh", CostInputs.ElectricityUsdPerKilowattHour), ("--pue", CostInputs.Pue),
            ("--grid-gco2-per-kwh", CostInputs.GridGramsCo2PerKilowattHour), ("--api-usd-per-1m-input", CostInputs.ApiUsdPerMillionInputTokens),
            ("--api-usd-per-1m-output", CostInputs.ApiUsdPerMillionOutputTokens), ("--input-tokens-per-month", CostInputs.InputTokensPerMonth),
            ("--output-tokens-per-month", CostInputs.OutputTokensPerMonth),
        ];

        ForAll(Gen.Bool.Select(ValuesFor(inputs))
            .Select(drawn => (string[])["cost", .. drawn.Item1 ? ["--json"] : Array.Empty<string>(),
                .. inputs.Zip(drawn.Item2).SelectMany(pair => new[] { pair.First.Option, pair.Second })]));
    }

    [Fact]
    public void Owned_hardware_cost_with_any_numbers_ends_in_a_documented_exit_code()
    {
        (string Option, InputRange Range)[] inputs =
        [
            ("--hardware-cost-usd", CostInputs.HardwareCostUsd), ("--amortization-years", CostInputs.AmortizationYears),
            ("--utilization", CostInputs.Utilization), ("--tokens-per-second", CostInputs.TokensPerSecond),
            ("--joules-per-token", CostInputs.JoulesPerToken), ("--pue", CostInputs.Pue),
            ("--api-usd-per-1m-input", CostInputs.ApiUsdPerMillionInputTokens), ("--api-usd-per-1m-output", CostInputs.ApiUsdPerMillionOutputTokens),
            ("--input-output-ratio", CostInputs.InputTokensPerOutputToken),
        ];

        ForAll(ValuesFor(inputs)
            .Select(values => (string[])["cost", "--json", .. inputs.Zip(values).SelectMany(pair => new[] { pair.First.Option, pair.Second })]));
    }

    [Fact]
    public void Training_cost_with_any_numbers_ends_in_a_documented_exit_code()
    {
        (string Option, InputRange Range)[] inputs =
        [
            ("--params", CostInputs.TrainingParameters), ("--tokens", CostInputs.TrainingTokens),
            ("--gpu-tflops", CostInputs.SustainedTflopsPerGpu), ("--price-per-gpu-hour", CostInputs.PricePerGpuHourUsd),
            ("--gpus", CostInputs.Gpus),
        ];

        ForAll(ValuesFor(inputs)
            .Select(values => (string[])["cost", "training", "--json", .. inputs.Zip(values).SelectMany(pair => new[] { pair.First.Option, pair.Second })]));
    }

    [Fact]
    public void Compare_merge_power_and_quantize_with_any_values_end_in_a_documented_exit_code()
    {
        var missing = _temp.Combine("missing");
        ForAll(Gen.OneOf(
                AnyNumber.Select(AnyNumber).Select(pair => new[] { "compare", missing, pair.Item1, pair.Item2 }),
                AnyNumber.Select(number => new[] { "merge", _temp.Path, "--out", _temp.Combine("merged"), "--price", $"AMD EPYC={number}" }),
                AnyNumber.Select(AnyNumber).Select(pair => new[] { "power", "probe", "--power", "none", "--seconds", pair.Item1, "--cpu-tdp-watts", pair.Item2 }),
                AnyNumber.Select(AnyNumber).Select(pair => new[]
                    { "models", "quantize", "--in", missing, "--out", _temp.Combine("q"), "--precision", "int4", "--block-size", pair.Item1, "--accuracy-level", pair.Item2 })));
    }

    [Fact]
    public void Commands_with_any_paths_and_text_end_in_a_documented_exit_code()
    {
        var paths = HostilePaths();
        var model = _temp.Combine("model");
        ForAll(Gen.OneOf(
            paths.Select(folder => new[] { "report", folder }),
            paths.Select(paths).Select(pair => new[] { "compare", pair.Item1, pair.Item2 }),
            paths.Select(paths).Select(pair => new[] { "merge", pair.Item1, pair.Item2, "--out", _temp.Combine("merged") }),
            paths.Select(text => new[] { "merge", _temp.Path, "--out", _temp.Combine("merged"), "--price", text }),
            paths.Select(text => new[] { "merge", _temp.Path, "--out", _temp.Combine("merged"), "--price", $"{text}=1" }),
            paths.Select(folder => new[] { "cost", "--run", folder, "--price-per-hour", "1" }),
            paths.Select(file => new[] { "cost", "--pricing", file, "--price-per-hour", "1", "--tokens-per-second", "1" }),
            paths.Select(text => new[] { "cost", "--gpu", text, "--tokens-per-second", "1" }),
            paths.Select(file => new[] { "models", "build", "--preset", "tiny", "--config", file, "--out", _temp.Combine("built") }),
            paths.Select(folder => new[] { "models", "build", "--preset", "tiny", "--layers", "1", "--out", folder }),
            paths.Select(paths).Select(pair => new[] { "models", "quantize", "--in", pair.Item1, "--out", pair.Item2, "--precision", "int8" }),
            paths.Select(folder => new[] { "models", "quantize", "--in", model, "--out", folder, "--precision", "fp16" }),
            paths.Select(folder => (string[])[.. RunPrefix(), "--model-path", folder]),
            paths.Select(folder => (string[])[.. RunPrefix(), "--out", folder]),
            paths.Select(text => (string[])[.. RunPrefix(), "--prompt-text", text]),
            paths.Select(id => new[] { "fetch", id }),
            paths.Select(file => new[] { "campaign", "plan", file }),
            paths.Select(file => new[] { "campaign", "run", file, "--shard-index", "0", "--shard-count", "1", "--out", _temp.Combine("campaign-results") }),
            paths.Select(folder => new[] { "campaign", "run", EmptyModelCampaign(), "--shard-index", "0", "--shard-count", "1", "--out", folder }),
            paths.Select(folder => new[] { "campaign", "status", EmptyModelCampaign(), "--results", folder }),
            paths.Select(file => new[] { "campaign", "k8s", EmptyModelCampaign(), "--out", file })));
    }

    [Fact]
    public void Campaign_shard_numbers_of_any_value_end_in_a_documented_exit_code()
    {
        var campaign = EmptyModelCampaign();
        ForAll(AnyNumber.Select(AnyNumber).Select(pair =>
            new[] { "campaign", "run", campaign, "--shard-index", pair.Item1, "--shard-count", pair.Item2, "--out", _temp.Combine("campaign-results") }));
    }

    /// <summary>A campaign of one shard that sweeps the empty model folder of <see cref="RunPrefix"/>: every row fails at once.</summary>
    private string EmptyModelCampaign()
    {
        Directory.CreateDirectory(_temp.Combine("empty-model"));
        File.WriteAllText(_temp.Combine("campaign.manifest.json"), """
            { "schemaVersion": 1, "models": [ { "id": "empty", "description": "an empty folder", "variants": [
              { "id": "cpu", "precision": "fp32", "executionProviders": ["cpu"], "source": { "path": "empty-model" } } ] } ] }
            """);
        File.WriteAllText(_temp.Combine("campaign.json"), """
            { "schemaVersion": 1, "name": "hostile", "manifest": "campaign.manifest.json",
              "models": [ { "model": "empty", "variants": ["cpu"] } ],
              "plan": { "idleSeconds": 0, "fidelity": false, "warmup": 0, "reps": 1 },
              "machineClasses": [ { "id": "cpu", "gpuCount": 0 } ],
              "kubernetes": { "image": "inferbench", "resultsClaim": "results" } }
            """);
        return _temp.Combine("campaign.json");
    }

    [Fact]
    public void The_allowed_exit_codes_are_the_documented_ones_but_the_internal_error()
    {
        Assert.Contains(ExitCodes.BadInput, AllowedExitCodes);
        Assert.DoesNotContain(ExitCodes.InternalError, AllowedExitCodes);
    }

    [Fact]
    public void Every_field_the_library_checks_for_a_command_has_an_option_name()
    {
        InputRange[] ranges =
        [
            RunPlanPoints.PromptTokens, RunPlanPoints.GenTokens, RunPlanPoints.BatchSizes, RunPlanPoints.WarmupRepetitions,
            RunPlanPoints.MeasuredRepetitions, RunPlanPoints.IntraOpThreads(1), PowerInputs.IdleSeconds, PowerInputs.ProbeSeconds,
            CostInputs.Utilization, SyntheticModelInputs.HiddenSize, SyntheticModelInputs.Layers, SyntheticModelInputs.AttentionHeads,
            SyntheticModelInputs.KeyValueHeads, SyntheticModelInputs.IntermediateSize, SyntheticModelInputs.VocabSize,
            SyntheticModelInputs.ContextLength, SyntheticModelInputs.Seed, QuantizationOptions.BlockSizes, QuantizationOptions.AccuracyLevels,
        ];

        Assert.All(ranges, range => Assert.StartsWith("--", OptionNames.Of(range.Field)));
    }

    private static Gen<string[]> ValuesFor((string Option, InputRange Range)[] inputs) => inputs.Aggregate(
        Gen.Const(Array.Empty<string>()),
        (drawn, input) => drawn.SelectMany(values => Value(input.Range).Select(value => (string[])[.. values, value])));

    /// <summary>
    /// Paths and text a user might type by mistake: empty, blank, option-like, missing, a file where a folder belongs (and
    /// the reverse), a folder below a file, odd and overlong names, and anything else (never NUL, which no real command
    /// line can hold). Folders that would be written into are under the temporary folder.
    /// </summary>
    private Gen<string> HostilePaths()
    {
        var file = _temp.Combine("file.txt");
        File.WriteAllText(file, "not JSON, not a folder");
        var folder = Directory.CreateDirectory(_temp.Combine("folder")).FullName;
        string[] fixedPaths =
        [
            "", " ", "\t", "-x", "-abc", "--", "-", file, Path.Combine(file, "below"), folder, _temp.Combine("missing"),
            _temp.Combine("sp ace"), _temp.Combine("ü名\u0001\u00a0"), _temp.Combine("a:b*?<>|\"'"), _temp.Combine(new string('n', 300)),
            _temp.Combine("..", "..", "..", "..", "..", "..", "..", "..", "nope"), "/dev/null", "http://example.com/run.json",
        ];
        return Gen.Frequency(
            (4, Gen.OneOf(fixedPaths)),
            (1, Gen.String.Where(text => !text.Contains('\0')).Select(text => _temp.Combine(text))),
            (1, Gen.String.Where(text => !text.Contains('\0'))));
    }

    /// <summary>
    /// An empty model folder: a command line that passes validation sweeps it, and every row fails at once (no
    /// genai_config.json), so nothing loads. No power source: an accepted --idle-seconds would otherwise be waited out.
    /// </summary>
    private string[] RunPrefix()
    {
        var folder = Directory.CreateDirectory(_temp.Combine("empty-model")).FullName;
        return ["run", "--model-path", folder, "--out", _temp.Combine("results"), "--fidelity", "false", "--power", "none"];
    }

    /// <summary>Mostly values the range accepts, its edges above all (where overflow hides), sometimes anything.</summary>
    private static Gen<string> Value(InputRange range) => Gen.Frequency(
        (3, Gen.OneOf(range.Minimum, range.Maximum, range.WholeNumber ? Math.Floor(range.Maximum) : range.Maximum).Select(Text)),
        (3, Gen.Double[range.Minimum, range.Maximum].Select(value => range.WholeNumber ? Math.Floor(value) : value).Select(Text)),
        (1, AnyNumber));

    /// <summary>
    /// One sample of <see cref="CommandLines"/> command lines drawn from the fixed <see cref="Seed"/>, so the test is
    /// deterministic; a failure prints each command line that broke the property.
    /// </summary>
    private static void ForAll(Gen<string[]> commandLines) => commandLines.Array[CommandLines].Sample(
        all => all.All(EndsInADocumentedExitCode), seed: Seed, iter: 1, threads: 1,
        print: all => string.Join(Environment.NewLine, all.Where(args => !EndsInADocumentedExitCode(args)).Select(Print)));

    private static bool EndsInADocumentedExitCode(string[] args)
    {
        var run = CliRun.Invoke(args);
        var output = run.Out + run.Error;
        return AllowedExitCodes.Contains(run.ExitCode) && !output.Contains("   at ") && !output.Contains("Unhandled exception");
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Print(string[] args) => string.Join(' ', args.Select(arg => $"'{arg}'"));
}
