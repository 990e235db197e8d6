using InferBench.Results;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Engines.GenAi;

/// <summary>ONNX Runtime GenAI's <c>Generator</c>: one static batch (at most 32 sequences) per generation, greedy.</summary>
public sealed class GenAiGeneratorEngine : IInferenceEngine
{
    public string Name => "genai-generator";

    public string Description => "ONNX Runtime GenAI's Generator, one static batch (at most 32 sequences) per generation, greedy";

    public IEngineModel Load(string folderPath, ExecutionProvider executionProvider, int? intraOpThreads, IReadOnlyList<ProviderOption>? providerOptions = null)
    {
        try
        {
            return new GenAiGeneratorModel(folderPath, GenAiModelLoader.Load(folderPath, executionProvider, intraOpThreads, providerOptions));
        }
        catch (OnnxRuntimeGenAIException e)
        {
            throw GenAiErrors.Translate(e);
        }
    }
}
