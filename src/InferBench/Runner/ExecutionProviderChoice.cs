namespace InferBench.Runner;

/// <summary>
/// Which execution provider a target runs on. <c>--ep auto</c> (the default) follows the model: a manifest variant runs
/// on the first of its <c>executionProviders</c> that this build and host can run; a model folder on the provider its
/// genai_config.json asks for (the CPU when it asks for none).
/// </summary>
public static class ExecutionProviderChoice
{
    public const string Auto = "auto";
    public const string Cpu = "cpu";
    public const string Cuda = "cuda";

    /// <summary>What <c>--ep</c> accepts.</summary>
    public static readonly string[] Choices = [Auto, Cpu, Cuda];

    /// <summary>The providers this build and host can run: the CPU always; CUDA in the CUDA build on a host with an NVIDIA GPU.</summary>
    public static IReadOnlyList<string> RunnableHere(bool cudaBuild, bool nvidiaGpu) => cudaBuild && nvidiaGpu ? [Cpu, Cuda] : [Cpu];

    /// <summary>
    /// The provider for a target; null when it is the model configuration's to say (<c>--ep auto</c> on a target that
    /// lists no providers, such as <c>--model-path</c>): then <see cref="FromConfiguration"/> decides.
    /// </summary>
    /// <param name="variantProviders">The providers a manifest variant is built for, in the manifest's order; empty when unknown.</param>
    /// <remarks>When none of a variant's providers can run here, the first is tried, so the row says why it cannot run.</remarks>
    public static string? Resolve(string requested, IReadOnlyList<string> variantProviders, IReadOnlyCollection<string> runnable) =>
        requested != Auto ? requested
        : variantProviders.Count == 0 ? null
        : variantProviders.FirstOrDefault(runnable.Contains) ?? variantProviders[0];

    /// <summary>The provider genai_config.json asks for, or the CPU when it asks for none.</summary>
    public static string FromConfiguration(string? configuredProvider) => configuredProvider ?? Cpu;

    /// <summary>A note for a row that runs on another provider than its model's configuration asks for; null when they agree.</summary>
    public static string? ConfigurationNote(string? configuredProvider, string executionProvider) =>
        configuredProvider is null || configuredProvider == executionProvider
            ? null
            : $"genai_config.json asks for the {configuredProvider} provider; this row ran on {executionProvider} (--ep {executionProvider})";
}
