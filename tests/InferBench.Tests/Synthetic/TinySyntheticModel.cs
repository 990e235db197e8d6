using InferBench.Results;
using InferBench.Runner;
using InferBench.Synthetic;
using InferBench.Tests.Support;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Tests.Synthetic;

/// <summary>The tiny preset written once per test class, with its weights, its reference and the model loaded by GenAI.</summary>
public sealed class TinySyntheticModel : IDisposable
{
    private readonly TempFolder _temp = new();

    public TinySyntheticModel()
    {
        FolderPath = _temp.Combine("tiny");
        SyntheticModelWriter.Write(SyntheticModelPresets.Tiny, FolderPath);
        Weights = new SyntheticWeights(SyntheticModelPresets.Tiny);
        Reference = new ReferenceLlama(Weights);
        Model = GenAiModelLoader.Load(FolderPath, ExecutionProvider.Cpu, intraOpThreads: 1);
    }

    public string FolderPath { get; }
    public SyntheticWeights Weights { get; }
    public ReferenceLlama Reference { get; }
    public Model Model { get; }

    public void Dispose()
    {
        Model.Dispose();
        _temp.Dispose();
    }
}
