using InferBench.Results;

namespace InferBench.Engines;

/// <summary>
/// A way to run a model: loads a variant's folder on an execution provider and hands back a model that tokenizes, generates
/// and gives logits. What its runtime throws it translates once, at its boundary, into <see cref="EngineException"/>.
/// The engines a build has are listed in <see cref="InferenceEngines"/>.
/// </summary>
public interface IInferenceEngine
{
    /// <summary>The engine's name, unique among <see cref="InferenceEngines.All"/>.</summary>
    string Name { get; }

    /// <summary>What the engine is, in one line: its runtime and how it batches and generates (the CLI's <c>run</c> lists it).</summary>
    string Description { get; }

    /// <param name="executionProvider">The CPU or CUDA (not <see cref="ExecutionProvider.Auto"/>, which is resolved before loading).</param>
    /// <param name="intraOpThreads">The runtime's intra-op threads; null for its default.</param>
    /// <param name="providerOptions">Options for a provider other than the CPU.</param>
    /// <exception cref="EngineException">The runtime could not load the model.</exception>
    IEngineModel Load(string folderPath, ExecutionProvider executionProvider, int? intraOpThreads, IReadOnlyList<ProviderOption>? providerOptions = null);
}
