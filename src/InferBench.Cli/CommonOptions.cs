using System.CommandLine;
using System.CommandLine.Parsing;
using InferBench.Results;
using InferBench.Runner;

namespace InferBench.Cli;

/// <summary>
/// The options several commands take, each declared here once so its name, parsing and help read the same on every
/// command; a command passes only what differs (what --out receives, what --json prints, what a --gpu is for).
/// </summary>
public static class CommonOptions
{
    public const string DefaultManifest = "models.manifest.json";

    public static Option<string> Manifest() => new("--manifest")
    {
        Description = "The model manifest (JSON, schema: models.manifest.schema.json) whose models --model and --variant name",
        DefaultValueFactory = _ => DefaultManifest,
    };

    /// <param name="byDefault">What runs when no model is named.</param>
    public static Option<string[]> Models(string byDefault = "every model") => IdList("--model",
        $"Manifest model ids, comma separated or repeated: only these models' variants (default: {byDefault}); a synthetic model is built on first use");

    /// <param name="byDefault">What runs when no variant is named.</param>
    public static Option<string[]> Variants(string byDefault = "every variant") => IdList("--variant",
        $"Manifest variant ids, comma separated or repeated: only variants of these ids (default: {byDefault})");

    /// <param name="receives">What the folder or file receives, such as "Folder that receives the run folder".</param>
    public static Option<string> Out(string receives, string? defaultValue = null, bool required = false)
    {
        var option = new Option<string>("--out") { Description = receives, Required = required };
        if (defaultValue is not null)
            option.DefaultValueFactory = _ => defaultValue;
        return option;
    }

    /// <summary>
    /// An option whose value is one of <paramref name="choices"/>, spelt as run.json spells them (cpu, fp16);
    /// null when not given and without a default.
    /// </summary>
    public static Option<string?> Choice<T>(string name, string description, T? defaultValue, params T[] choices) where T : struct, Enum
    {
        var option = new Option<string?>(name) { Description = description };
        if (defaultValue is { } value)
            option.DefaultValueFactory = _ => JsonEnumName.Of(value);
        option.AcceptOnlyFromAmong([.. choices.Select(JsonEnumName.Of)]);
        return option;
    }

    /// <param name="prints">What stdout then holds, such as "one JSON object" or "the run.json path".</param>
    public static Option<bool> Json(string prints, bool recursive = false) => new("--json")
    {
        Description = $"Print only {prints} on stdout, for scripts",
        Recursive = recursive,
    };

    /// <param name="use">What the GPU is for on this command.</param>
    public static Option<string?> Gpu(string use) => new("--gpu")
    {
        Description = $"A catalog GPU id (`inferbench forecast --list-gpus`): {use}",
    };

    /// <param name="use">What the GPUs are for on this command.</param>
    public static Option<string[]> Gpus(string use) => IdList("--gpu",
        $"Catalog GPU ids, comma separated or repeated (`inferbench forecast --list-gpus`): {use}");

    public static Option<int[]> PromptTokens(params int[] defaults) => IntListOption.Create("--prompt-tokens",
        "Prompt lengths in tokens, such as 128,512", RunPlanPoints.PromptTokens, defaults);

    public static Option<int[]> GenTokens(params int[] defaults) => IntListOption.Create("--gen-tokens",
        "Generated tokens per sequence (at least 2), such as 64,256; every prompt length is paired with every one", RunPlanPoints.GenTokens, defaults);

    /// <param name="judged">What is judged against the targets, such as "each row is judged against".</param>
    public static Option<string[]> Slo(string judged) => new("--slo")
    {
        Description = $"Latency targets {judged}, such as ttft=1s,itl-p99=50ms (metrics: ttft, itl, e2e, each the median or with -p90/-p99; units us, ms, s)",
        AllowMultipleArgumentsPerToken = true,
    };

    private static Option<string[]> IdList(string name, string description) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result => ListItems(result, name),
    };

    /// <summary>
    /// The comma-separated items of every token of a list option, trimmed. An empty item (",,," or a trailing comma) is
    /// an error naming the option: a typo must not mean "none", which the option left out already says.
    /// </summary>
    public static string[] ListItems(ArgumentResult result, string name)
    {
        var items = result.Tokens.SelectMany(token => token.Value.Split(',', StringSplitOptions.TrimEntries)).ToArray();
        if (items.Any(item => item.Length == 0))
        {
            result.AddError($"{name}: expected comma-separated items, got an empty one in \"{string.Join(",", result.Tokens.Select(token => token.Value))}\"");
            return [];
        }
        return items;
    }
}
