using InferBench.Results;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace InferBench.Runner;

/// <summary>Turns what ONNX Runtime GenAI throws into a row status and a reason a person can act on.</summary>
public static class FailureReasons
{
    public static (ResultStatus Status, string Reason) Classify(Exception exception, string stage) => exception switch
    {
        OnnxRuntimeGenAIException e when e.Message.Contains("Cuda interface not available", StringComparison.Ordinal) =>
            (ResultStatus.Unsupported,
             "needs the CUDA build of InferBench and an NVIDIA GPU (ONNX Runtime GenAI: Cuda interface not available)"),
        OnnxRuntimeGenAIException e => (ResultStatus.Failed, $"{stage}: {FirstLine(e.Message)}"),
        _ => (ResultStatus.Failed, $"{stage}: {exception.GetType().Name}: {FirstLine(exception.Message)}"),
    };

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
