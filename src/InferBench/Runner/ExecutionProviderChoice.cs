using InferBench.Models;
using InferBench.Results;

namespace InferBench.Runner;

/// <summary>
/// Which execution provider a target runs on. <c>--ep auto</c> (the default) follows the model: a manifest variant runs
/// on the first of its <c>executionProviders</c> that this build and host can run; a model folder on the provider its
/// genai_config.json asks for (the CPU when it asks for none).
/// </summary>
public static class ExecutionProviderChoice
{
    /// <summary>The providers this build and host can run: the CPU always; CUDA in the CUDA build on a host with an NVIDIA GPU.</summary>
    public static IReadOnlyList<ExecutionProvider> RunnableHere(bool cudaBuild, bool nvidiaGpu) =>
        cudaBuild && nvidiaGpu ? [ExecutionProvider.Cpu, ExecutionProvider.Cuda] : [ExecutionProvider.Cpu];

    /// <summary>
    /// The provider for a target; null when it is the model configuration's to say (<c>--ep auto</c> on a target that
    /// lists no providers, such as <c>--model-path</c>): then <see cref="FromConfiguration"/> decides.
    /// </summary>
    /// <param name="variantProviders">The providers a manifest variant is built for, in the manifest's order; empty when unknown.</param>
    /// <remarks>When none of a variant's providers can run here, the first is tried, so the row says why it cannot run.</remarks>
    public static ExecutionProvider? Resolve(
        ExecutionProvider requested, IReadOnlyList<ExecutionProvider> variantProviders, IReadOnlyCollection<ExecutionProvider> runnable) =>
        requested != ExecutionProvider.Auto ? requested
        : variantProviders.Count == 0 ? null
        : variantProviders.FirstOrDefault(runnable.Contains, variantProviders[0]);

    /// <summary>
    /// The provider genai_config.json asks for, or the CPU when it asks for none; null when it asks for one InferBench
    /// does not run (such as dml).
    /// </summary>
    public static ExecutionProvider? FromConfiguration(string? configuredProvider) => GenAiModelInfo.ProviderFrom(configuredProvider);

    /// <summary>A note for a row that runs on another provider than its model's configuration asks for; null when they agree.</summary>
    public static string? ConfigurationNote(string? configuredProvider, ExecutionProvider executionProvider)
    {
        var name = JsonEnumName.Of(executionProvider);
        return (configuredProvider ?? JsonEnumName.Of(ExecutionProvider.Cpu)) == name ? null
            : configuredProvider is null ? $"genai_config.json names no provider, so the model is configured for the CPU; this row ran on {name}"
            : $"genai_config.json asks for the {configuredProvider} provider; this row ran on {name}";
    }
}
