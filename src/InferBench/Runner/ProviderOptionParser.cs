using InferBench.Results;
using System.Globalization;
using System.Text.RegularExpressions;

namespace InferBench.Runner;

/// <summary>
/// Parses the plan's provider options (<c>key=value</c>) for the CUDA provider. The options that matter to a benchmark
/// are checked here, so a typo fails before any model loads; other keys pass through to ONNX Runtime, which rejects
/// the ones it does not know when the model loads.
/// </summary>
public static partial class ProviderOptionParser
{
    /// <summary>The plan field errors name (a front end says it with its own option name).</summary>
    public const string Field = nameof(RunPlanRecord.ProviderOptions);

    private static readonly string[] Booleans = ["enable_cuda_graph", "use_tf32", "cudnn_conv_use_max_workspace",
        "do_copy_in_default_stream", "enable_skip_layer_norm_strict_mode", "prefer_nhwc", "tunable_op_enable", "tunable_op_tuning_enable"];
    private static readonly string[] WholeNumbers = ["device_id", "gpu_mem_limit", "tunable_op_max_tuning_duration_ms"];
    private static readonly Dictionary<string, string[]> Choices = new()
    {
        ["cudnn_conv_algo_search"] = ["EXHAUSTIVE", "HEURISTIC", "DEFAULT"],
        ["arena_extend_strategy"] = ["kNextPowerOfTwo", "kSameAsRequested"],
    };

    /// <exception cref="InputFieldException">An argument is not key=value, a key repeats, a known key has a value it cannot take,
    /// or options are given for --ep cpu.</exception>
    public static IReadOnlyList<ProviderOption> Parse(IReadOnlyList<string> arguments, ExecutionProvider executionProvider)
    {
        if (arguments.Count > 0 && executionProvider == ExecutionProvider.Cpu)
            throw new InputFieldException([Field], "options are for the cuda provider (or auto, for the variants that run on cuda); this run uses the cpu provider, which takes none");
        var options = new List<ProviderOption>();
        foreach (var argument in arguments)
        {
            var option = ParseOne(argument);
            if (options.Any(earlier => earlier.Key == option.Key))
                throw new InputFieldException([Field], $"\"{option.Key}\" is given twice; give each key once");
            options.Add(option);
        }
        return options;
    }

    /// <summary>
    /// The CUDA device (an index among the visible GPUs) a --ep cuda or auto run uses: its <c>device_id</c>, else 0 as
    /// in ONNX Runtime; null for a --ep cpu run, which uses no GPU.
    /// </summary>
    public static int? CudaDeviceOf(RunPlanRecord plan) => plan.ExecutionProvider == ExecutionProvider.Cpu
        ? null
        : plan.ProviderOptions?.FirstOrDefault(o => o.Key == "device_id") is { } given
            ? int.Parse(given.Value, NumberStyles.None, CultureInfo.InvariantCulture)
            : 0;

    private static ProviderOption ParseOne(string argument)
    {
        var equals = argument.IndexOf('=');
        if (equals <= 0 || equals == argument.Length - 1)
            throw new InputFieldException([Field], $"expected key=value, such as enable_cuda_graph=1, got \"{argument}\"");
        var (key, value) = (argument[..equals].Trim(), argument[(equals + 1)..].Trim());
        if (!KeyPattern().IsMatch(key))
            throw new InputFieldException([Field], $"expected a key of lowercase letters, digits and '_', got \"{key}\"");
        if (Booleans.Contains(key) && value is not ("0" or "1"))
            throw new InputFieldException([Field], $"{key} takes 0 or 1, got \"{value}\"");
        if (WholeNumbers.Contains(key) && !ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new InputFieldException([Field], $"{key} takes a whole number of 0 or more, got \"{value}\"");
        if (key == "device_id" && !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new InputFieldException([Field], $"device_id takes a GPU index from 0 to {int.MaxValue}, got \"{value}\"");
        if (Choices.TryGetValue(key, out var allowed) && !allowed.Contains(value))
            throw new InputFieldException([Field], $"{key} takes one of {string.Join(", ", allowed)}, got \"{value}\"");
        return new ProviderOption(key, value);
    }

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex KeyPattern();
}
