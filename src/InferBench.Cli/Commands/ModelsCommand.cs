using System.CommandLine;
using System.Diagnostics;
using InferBench.Synthetic;

namespace InferBench.Cli.Commands;

/// <summary><c>inferbench models build</c>: writes a synthetic Llama-architecture model that ONNX Runtime GenAI loads.</summary>
public static class ModelsCommand
{
    private static readonly Option<string> Preset = CreatePresetOption();
    private static readonly Option<string?> ConfigFile = new("--config")
    {
        Description = $"JSON file of sizes overriding the preset (camelCase: {string.Join(", ", SyntheticModelConfigFile.FieldNames)})",
    };
    private static readonly Option<int?> HiddenSize = new("--hidden-size") { Description = "Hidden size (channels of the residual stream)" };
    private static readonly Option<int?> Layers = new("--layers") { Description = "Decoder layers" };
    private static readonly Option<int?> Heads = new("--heads") { Description = "Attention (query) heads" };
    private static readonly Option<int?> KeyValueHeads = new("--kv-heads") { Description = "Key/value heads (grouped-query attention)" };
    private static readonly Option<int?> IntermediateSize = new("--intermediate-size") { Description = "Width of the SwiGLU MLP" };
    private static readonly Option<int?> VocabSize = new("--vocab-size") { Description = "Vocabulary size in tokens" };
    private static readonly Option<int?> ContextLength = new("--context-length") { Description = "Longest sequence in tokens" };
    private static readonly Option<int?> Seed = new("--seed") { Description = $"Seed of the weights (preset default {SyntheticModelPresets.DefaultSeed})" };
    private static readonly Option<string> Out = new("--out") { Description = "Folder to write the model into", Required = true };

    public static Command Create(CliIo io)
    {
        var build = new Command("build", "Write a synthetic model with seeded random weights: options override --config, which overrides --preset")
        {
            Preset, ConfigFile, HiddenSize, Layers, Heads, KeyValueHeads, IntermediateSize, VocabSize, ContextLength, Seed, Out,
        };
        build.SetAction(parseResult => Build(parseResult, io));
        return new Command("models", "Built-in models") { build };
    }

    private static int Build(ParseResult parseResult, CliIo io)
    {
        var config = SyntheticModelPresets.Named(parseResult.GetValue(Preset)!);
        if (parseResult.GetValue(ConfigFile) is { } configPath)
            config = SyntheticModelConfigFile.Load(configPath).ApplyTo(config);
        config = new SyntheticModelOverrides(
            parseResult.GetValue(HiddenSize),
            parseResult.GetValue(Layers),
            parseResult.GetValue(Heads),
            parseResult.GetValue(KeyValueHeads),
            parseResult.GetValue(IntermediateSize),
            parseResult.GetValue(VocabSize),
            parseResult.GetValue(ContextLength),
            parseResult.GetValue(Seed)).ApplyTo(config);

        var stopwatch = Stopwatch.StartNew();
        var stamp = SyntheticModelWriter.Write(config, parseResult.GetValue(Out)!);
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
