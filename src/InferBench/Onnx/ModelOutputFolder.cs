namespace InferBench.Onnx;

/// <summary>The folder <c>models build</c> or <c>models quantize</c> writes a model to, as errors name it.</summary>
public static class ModelOutputFolder
{
    public const string Field = "outputFolder";
}
