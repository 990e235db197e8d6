using InferBench.Engines;
using InferBench.Engines.GenAiServing;
using InferBench.Results;

namespace InferBench.Tests.Engines.GenAiServing;

/// <summary>Loads a folder with <see cref="GenAiServingEngine"/> as the tests do: on the CPU, one intra-op thread.</summary>
public static class GenAiServingEngineLoad
{
    public static IServingModel Cpu(string folder, ServingEngineSettings? settings = null) =>
        new GenAiServingEngine().Load(folder, ExecutionProvider.Cpu, intraOpThreads: 1, providerOptions: null, settings ?? ServingEngineSettings.Default);
}
