using System.CommandLine;
using System.Diagnostics;
using InferBench.Quantization;
using InferBench.Results;
using InferBench.Synthetic;

namespace InferBench.Cli.Commands;

/// <summary>
/// <c>inferbench models build</c>: writes a synthetic Llama-architecture model that ONNX Runtime GenAI loads;
/// <c>inferbench models quantize</c>: makes an int4, int8 or fp16 variant of an fp32 or fp16 model folder.
/// </summary>
public static class ModelsCommand
{
    private static readonly Option<string> Preset = CreatePresetOption();
    private static readonly Option<string?> ConfigFile = new("--config")
    {
        Description = $"JSON file of sizes overriding the preset (camelCase: {string.Join(", ", SyntheticModelConfigFile.FieldNames)})",
    };
    private static readonly Option<int?> HiddenSize = IntOption.CreateOptional("--hidden-size", "Hidden size (channels of the residual stream)", SyntheticModelInputs.HiddenSize);
    private static readonly Option<int?> Layers = IntOption.CreateOptional("--layers", "Decoder layers", SyntheticModelInputs.Layers);
    private static readonly Option<int?> Heads = IntOption.CreateOptional("--heads", "Attention (query) heads", SyntheticModelInputs.AttentionHeads);
    private static readonly Option<int?> KeyValueHeads = IntOption.CreateOptional("--kv-heads", "Key/value heads (grouped-query attention)", SyntheticModelInputs.KeyValueHeads);
    private static readonly Option<int?> IntermediateSize = IntOption.CreateOptional("--intermediate-size", "Width of the SwiGLU MLP", SyntheticModelInputs.IntermediateSize);
    private static readonly Option<int?> VocabSize = IntOption.CreateOptional("--vocab-size", "Vocabulary size in tokens", SyntheticModelInputs.VocabSize);
    private static readonly Option<int?> ContextLength = IntOption.CreateOptional("--context-length", "Longest sequence in tokens", SyntheticModelInputs.ContextLength);
    private static readonly Option<int?> Seed = IntOption.CreateOptional("--seed", $"Seed of the weights (preset default {SyntheticModelPresets.DefaultSeed})", SyntheticModelInputs.Seed);
    private static readonly Option<string[]> Layout = CreateLayoutOption();
    private static readonly Option<int?>[] SizeOptions = [HiddenSize, Layers, Heads, KeyValueHeads, IntermediateSize, VocabSize, ContextLength, Seed];
    private static readonly Option<string> Out = CommonOptions.Out("Folder to write the model into (appears whole or not at all)", required: true);

    private static readonly Option<string> In = new("--in") { Description = "fp32 or fp16 ONNX Runtime GenAI model folder to make the variant from", Required = true };
    private static readonly Option<string> QuantizedPrecision = CreatePrecisionOption();
    private static readonly Option<int> BlockSize = IntOption.Create("--block-size",
        "int4/int8: weights along K sharing one scale: 16, 32, 64, 128 or 256", QuantizationOptions.BlockSizes, QuantizationOptions.DefaultBlockSizeElements);
    private static readonly Option<bool> Symmetric = new("--symmetric") { Description = "int4/int8: blocks centred on zero, no zero points (default)" };
    private static readonly Option<bool> Asymmetric = new("--asymmetric") { Description = "int4/int8: a zero point per block" };
    private static readonly Option<int?> AccuracyLevel = IntOption.CreateOptional("--accuracy-level",
        $"int4/int8: MatMulNBits accuracy_level; 4 = int8 activations (fast on CPU), 0 = fp32 compute (default {QuantizationOptions.DefaultCpuAccuracyLevel} for cpu, " +
        $"{QuantizationOptions.DefaultCudaAccuracyLevel} for cuda, whose kernel ignores it)", QuantizationOptions.AccuracyLevels);
    private static readonly Option<string?> Target = CommonOptions.Choice<ExecutionProvider>("--target",
        "Execution provider the variant is made for: cpu or cuda (default: what the source's genai_config.json asks for). " +
        "Sets the accuracy level's default, the activations of an fp16 source's int4/int8 variant (cpu: fp32, cuda: fp16) and the variant's genai_config.json provider",
        null, ExecutionProvider.Cpu, ExecutionProvider.Cuda);
    private static readonly Option<bool> QuantizeLmHead = new("--quantize-lm-head")
    {
        Description = "int4/int8: also quantize the lm_head MatMul (true or false), as GenAI's model builder does",
        DefaultValueFactory = _ => true,
    };

    public static Command Create(CliIo io, CancellationToken cancellation)
    {
        var build = new Command("build", "Write a synthetic model with seeded random weights: options override --config, which overrides --preset")
        {
            Preset, ConfigFile, HiddenSize, Layers, Heads, KeyValueHeads, IntermediateSize, VocabSize, ContextLength, Seed, Layout, Out,
        };
        build.SetAction(parseResult => Stoppable(io, cancellation, "models build", parseResult.GetValue(Out)!, () => Build(parseResult, io, cancellation)));
        var quantize = new Command("quantize", "Make an int4 or int8 (weight-only, MatMulNBits) or fp16 variant of an fp32 or fp16 model folder")
        {
            In, Out, QuantizedPrecision, BlockSize, Symmetric, Asymmetric, AccuracyLevel, QuantizeLmHead, Target,
        };
        quantize.SetAction(parseResult => Stoppable(io, cancellation, "models quantize", parseResult.GetValue(Out)!, () => Quantize(parseResult, io, cancellation)));
        return new Command("models", "Built-in models, imported checkpoints and their variants") { build, quantize, ModelsImportCommand.Create(io, cancellation) };
    }

    /// <summary>
    /// Runs a command that writes a model folder, stopping on the first signal: the folder appears whole or not at all,
    /// so a stopped command leaves --out as it was.
    /// </summary>
    internal static int Stoppable(CliIo io, CancellationToken cancellation, string command, string outFolder, Func<int> execute)
    {
        using var announce = new StopAnnouncement(io.Error, cancellation,
            $"Stopping {command}; nothing half-written is left behind (signal again to abort).");
        try
        {
            return execute();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            io.Error.WriteLine($"inferbench: {command} stopped before it finished; {Path.GetFullPath(outFolder)} is as it was (the half-written copy was removed); run the same command to start again");
            return ExitCodes.Cancelled;
        }
    }

    private static int Build(ParseResult parseResult, CliIo io, CancellationToken cancellation)
    {
        var preset = parseResult.GetValue(Preset)!;
        var config = SyntheticModelPresets.Named(preset);
        var configPath = parseResult.GetValue(ConfigFile);
        var fromFile = configPath is null ? null : SyntheticModelConfigFile.Load(configPath);
        if (fromFile is not null)
            config = fromFile.ApplyTo(config);
        config = new SyntheticModelOverrides(
            parseResult.GetValue(HiddenSize),
            parseResult.GetValue(Layers),
            parseResult.GetValue(Heads),
            parseResult.GetValue(KeyValueHeads),
            parseResult.GetValue(IntermediateSize),
            parseResult.GetValue(VocabSize),
            parseResult.GetValue(ContextLength),
            parseResult.GetValue(Seed)).ApplyTo(config);
        if (parseResult.GetValue(Layout) is { Length: > 0 } layout)
            config = config with { Layout = SyntheticLayout.Named(layout) };
        try
        {
            config.Validate();
        }
        catch (InputFieldException e)
        {
            // A size comes from an option, the --config file or the preset: the message names where the user can change it.
            throw new InputException(e.MessageNaming(field =>
                SizeOptions.Any(option => parseResult.IsGiven(option) && OptionNames.Of(field) == option.Name) ? OptionNames.Of(field)
                : fromFile?.GivenFields().Contains(field) == true ? $"{Path.GetFileName(configPath)}: {field}"
                : $"{field} of preset {preset}"));
        }

        var stopwatch = Stopwatch.StartNew();
        var stamp = SyntheticModelWriter.Write(config, parseResult.GetValue(Out)!, cancellation: cancellation);
        var buildSeconds = stopwatch.Elapsed.TotalSeconds;

        void Line(FormattableString text) => io.Out.WriteLine(FormattableString.Invariant(text));
        Line($"Synthetic model written to {Path.GetFullPath(parseResult.GetValue(Out)!)}");
        Line($"  shape:      hidden {config.HiddenSize}, layers {config.Layers}, heads {config.AttentionHeads} (kv {config.KeyValueHeads}, head size {config.HeadSize})");
        Line($"              intermediate {config.IntermediateSize}, vocab {config.VocabSize}, context {config.ContextLength}, seed {config.Seed}");
        Line($"  parameters: {stamp.ParameterCount:N0} ({stamp.ParameterCount / 1e6:F1} M)");
        Line($"  files:      {stamp.TotalFileBytes:N0} bytes ({stamp.TotalFileBytes / 1e6:F1} MB)");
        Line($"  build:      {buildSeconds:F2} s");
        return ExitCodes.AllOk;
    }

    private static int Quantize(ParseResult parseResult, CliIo io, CancellationToken cancellation)
    {
        // --precision accepts only the quantized precisions' names, so the name is always found.
        var precision = JsonEnumName.Find<Precision>(parseResult.GetValue(QuantizedPrecision)!)!.Value;
        if (parseResult.IsGiven(Symmetric) && parseResult.IsGiven(Asymmetric))
            throw new InputException("--symmetric and --asymmetric: give one or the other");
        if (precision == Precision.Fp16
            && new Option[] { BlockSize, Symmetric, Asymmetric, AccuracyLevel, QuantizeLmHead }.FirstOrDefault(option => parseResult.IsGiven(option)) is { } intOnly)
            throw new InputException($"{intOnly.Name}: applies to --precision int4 and int8, not fp16");
        var target = parseResult.GetValue(Target) is { } targetName ? JsonEnumName.Find<ExecutionProvider>(targetName) : null;
        var options = new QuantizationOptions(
            precision, parseResult.GetValue(BlockSize), !parseResult.GetValue(Asymmetric), parseResult.GetValue(AccuracyLevel), parseResult.GetValue(QuantizeLmHead), target);

        var stopwatch = Stopwatch.StartNew();
        var stamp = ModelQuantizer.Quantize(parseResult.GetValue(In)!, parseResult.GetValue(Out)!, options, cancellation: cancellation);
        var seconds = stopwatch.Elapsed.TotalSeconds;

        void Line(FormattableString text) => io.Out.WriteLine(FormattableString.Invariant(text));
        Line($"{parseResult.GetValue(QuantizedPrecision)} variant written to {Path.GetFullPath(parseResult.GetValue(Out)!)}");
        if (stamp.Bits is { } bits)
        {
            Line($"  weights:    {stamp.QuantizedMatMuls} MatMuls as MatMulNBits, {bits} bits, block {stamp.BlockSizeElements}, {(stamp.Symmetric == true ? "symmetric" : "asymmetric")}, accuracy_level {stamp.AccuracyLevel}");
            Line($"  lm_head:    {(stamp.LmHeadQuantized == true ? "quantized" : $"kept in {JsonEnumName.Of(stamp.ActivationPrecision ?? Precision.Fp32)}")}");
            if (stamp.AlreadyQuantizedMatMuls > 0)
                Line($"  kept:       {stamp.AlreadyQuantizedMatMuls} MatMulNBits already in the source ({string.Join(", ", stamp.AlreadyQuantizedBits ?? [])} bits), left as they were");
        }
        else
            Line($"  weights:    every float32 initializer, input and output in float16");
        Line($"  target:     {JsonEnumName.Of(stamp.Target ?? ExecutionProvider.Cpu)}, {JsonEnumName.Of(stamp.SourcePrecision ?? Precision.Fp32)} source, {JsonEnumName.Of(stamp.ActivationPrecision ?? Precision.Fp32)} activations");
        Line($"  files:      {stamp.TotalFileBytes:N0} bytes ({stamp.TotalFileBytes / 1e6:F1} MB)");
        Line($"  time:       {seconds:F2} s");
        return ExitCodes.AllOk;
    }

    private static Option<string> CreatePrecisionOption()
    {
        string[] quantized = [.. new[] { Precision.Int4, Precision.Int8, Precision.Fp16 }.Select(JsonEnumName.Of)];
        var option = new Option<string>("--precision") { Description = string.Join(", ", quantized), Required = true };
        option.AcceptOnlyFromAmong(quantized);
        return option;
    }

    private static Option<string[]> CreateLayoutOption()
    {
        var option = new Option<string[]>("--layout")
        {
            Description = $"Weight layouts of real exports instead of GenAI's builder's CPU Llama layout (repeatable or comma separated): {string.Join(", ", SyntheticLayout.Names)}",
            AllowMultipleArgumentsPerToken = false,
            CustomParser = result =>
            {
                var names = CommonOptions.ListItems(result, "--layout");
                foreach (var name in names.Where(name => !SyntheticLayout.Names.Contains(name)))
                    result.AddError($"--layout: expected one of {string.Join(", ", SyntheticLayout.Names)}, got \"{name}\"");
                return names;
            },
        };
        return option;
    }

    private static Option<string> CreatePresetOption()
    {
        var option = new Option<string>("--preset")
        {
            Description = "Starting shape: tiny (for tests) or small (~55 M parameters, memory-bound decode)",
            DefaultValueFactory = _ => "small",
        };
        option.AcceptOnlyFromAmong([.. SyntheticModelPresets.Names]);
        return option;
    }
}
