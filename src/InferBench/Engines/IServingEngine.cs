using InferBench.Results;

namespace InferBench.Engines;

/// <summary>
/// A way to serve a model: requests arrive one by one, join the running batch and leave when done (GenAI's Engine).
/// Listed in <see cref="InferenceEngines.Serving"/>; what its runtime throws it translates into <see cref="EngineException"/>
/// (<see cref="EngineFailure.Unsupported"/> where the runtime or the model cannot serve at all).
/// </summary>
public interface IServingEngine
{
    /// <summary>The engine's name, unique among <see cref="InferenceEngines.Serving"/>.</summary>
    string Name { get; }

    /// <summary>What the engine is, in one line: its runtime and how it schedules requests.</summary>
    string Description { get; }

    /// <param name="executionProvider">The CPU or CUDA (not <see cref="ExecutionProvider.Auto"/>).</param>
    /// <param name="intraOpThreads">The runtime's intra-op threads; null for its default.</param>
    /// <param name="providerOptions">Options for a provider other than the CPU.</param>
    /// <param name="settings">How the engine should batch; what it really does is in <see cref="IServingModel.Capabilities"/>.</param>
    /// <exception cref="EngineException">The runtime could not load the model or cannot serve it.</exception>
    IServingModel Load(
        string folderPath,
        ExecutionProvider executionProvider,
        int? intraOpThreads,
        IReadOnlyList<ProviderOption>? providerOptions,
        ServingEngineSettings settings);
}
