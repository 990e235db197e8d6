using InferBench.Models;
using InferBench.Results;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Runner;

/// <summary>Turns what ONNX Runtime GenAI throws into a row status and a reason a person can act on.</summary>
public static class FailureReasons
{
    /// <param name="model">The folder's genai_config.json facts, for naming the inputs when GenAI and the graph disagree on one.</param>
    public static (ResultStatus Status, string Reason) Classify(Exception exception, string stage, GenAiModelInfo? model = null) => exception switch
    {
        OnnxRuntimeGenAIException e when e.Message.Contains("Cuda interface not available", StringComparison.Ordinal) =>
            (ResultStatus.Unsupported, CudaUnavailable()),
        OnnxRuntimeGenAIException e when model is not null && ModelInputFacts.IsInputMismatch(e.Message) =>
            (ResultStatus.Failed, $"{stage}: {FirstLine(e.Message)} ({ModelInputFacts.Describe(model)})"),
        OnnxRuntimeGenAIException e => (ResultStatus.Failed, $"{stage}: {FirstLine(e.Message)}"),
        _ => (ResultStatus.Failed, $"{stage}: {exception.GetType().Name}: {FirstLine(exception.Message)}"),
    };

    /// <summary>The CPU build lacks GenAI's CUDA library; the CUDA build has it but could not load it (driver, CUDA or cuDNN).</summary>
    private static string CudaUnavailable() =>
        "needs the CUDA build of InferBench and an NVIDIA GPU: "
        + (BuildFlavour.IsCuda
            ? "this is the CUDA build, but ONNX Runtime GenAI could not load its CUDA library; check nvidia-smi, CUDA 12 and cuDNN 9"
            : $"this is the CPU build; build for CUDA with `{BuildFlavour.CudaBuildCommand}`")
        + " (see docs/gpu.md; ONNX Runtime GenAI: Cuda interface not available)";

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
