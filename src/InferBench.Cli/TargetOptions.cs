using System.CommandLine;
using InferBench.Results;
using InferBench.Runner;

namespace InferBench.Cli;

/// <summary>
/// What a measuring command runs and where: the manifest's models and variants or one model folder, the execution
/// provider, its threads and options. Shared by <c>run</c> and <c>serve</c>, which choose and prepare targets the same way.
/// </summary>
public sealed class TargetOptions
{
    /// <param name="defaultVariant">The model and variant the command runs when none is named; null: every variant that can run here.</param>
    public TargetOptions((string Model, string Variant)? defaultVariant = null)
    {
        DefaultVariant = defaultVariant;
        Model = defaultVariant is { } chosen ? CommonOptions.Models(chosen.Model) : CommonOptions.Models();
        Variant = defaultVariant is { } only ? CommonOptions.Variants($"{only.Variant} where no model is named, else every variant") : CommonOptions.Variants();
        ModelPath = CreateModelPathOption(Manifest, Model, Variant);
    }

    /// <summary>The model and variant the command runs when none is named; null: every variant that can run here.</summary>
    public (string Model, string Variant)? DefaultVariant { get; }

    public Option<string> Manifest { get; } = CommonOptions.Manifest();
    public Option<string[]> Model { get; }
    public Option<string[]> Variant { get; }
    public Option<string?> ModelPath { get; }
    public Option<string> ExecutionProvider { get; } = CreateExecutionProviderOption();

    public Option<int?> Threads { get; } = IntOption.CreateOptional("--threads",
        "ONNX Runtime intra-op threads, at most one per logical core (default: ONNX Runtime's choice)", RunPlanPoints.IntraOpThreads(Environment.ProcessorCount));

    public Option<string[]> ProviderOptions { get; } = new("--provider-option")
    {
        Description = "Execution-provider option key=value for --ep cuda (repeatable), such as enable_cuda_graph=1; recorded in run.json",
    };

    /// <summary>The provider --ep names (auto: the model's).</summary>
    public Results.ExecutionProvider ReadExecutionProvider(ParseResult parseResult) =>
        // --ep accepts only the providers' names, so the name is always found.
        JsonEnumName.Find<Results.ExecutionProvider>(parseResult.GetValue(ExecutionProvider)!)!.Value;

    /// <exception cref="InputFieldException">A provider option that cannot be parsed or is not for <paramref name="executionProvider"/>.</exception>
    public IReadOnlyList<ProviderOption>? ReadProviderOptions(ParseResult parseResult, Results.ExecutionProvider executionProvider) =>
        ProviderOptionParser.Parse(parseResult.GetValue(ProviderOptions) ?? [], executionProvider);

    /// <summary>
    /// The one --model-path folder, else the manifest's variants that --model and --variant select (those absent here said
    /// on stderr); with neither named, <see cref="DefaultVariant"/> where there is one, else every variant that can run here.
    /// </summary>
    /// <exception cref="InputFieldException">The folder does not exist, or a named model or variant is not in the manifest.</exception>
    public IReadOnlyList<BenchmarkTarget> Read(ParseResult parseResult, CliIo io)
    {
        if (parseResult.GetValue(ModelPath) is { } modelPath)
            return [TargetSelection.FromFolder(modelPath)];
        var (models, variants) = (parseResult.GetValue(Model) ?? [], parseResult.GetValue(Variant) ?? []);
        if (models.Length == 0 && variants.Length == 0 && DefaultVariant is { } chosen)
            (models, variants) = ([chosen.Model], [chosen.Variant]);
        var selected = TargetSelection.ForRun(parseResult.GetValue(Manifest)!, models, variants);
        if (selected.NotSwept.Count > 0)
            io.Error.WriteLine($"Not swept (not on this machine; name them with --model to see why): {string.Join(", ", selected.NotSwept.Select(t => $"{t.Model}/{t.Variant}"))}");
        return selected.Targets;
    }

    private static Option<string?> CreateModelPathOption(params Option[] manifestOptions)
    {
        var option = new Option<string?>("--model-path")
        {
            Description = "Benchmark this ONNX Runtime GenAI model folder instead of the manifest (not with --manifest, --model or --variant)",
        };
        option.Validators.Add(result =>
        {
            if (manifestOptions.FirstOrDefault(result.Parent.IsGiven) is { } other)
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
            DefaultValueFactory = _ => JsonEnumName.Of(Results.ExecutionProvider.Auto),
        };
        option.AcceptOnlyFromAmong(JsonEnumName.All<Results.ExecutionProvider>());
        return option;
    }
}
