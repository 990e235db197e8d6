using System.Reflection;

namespace InferBench.Engines;

/// <summary>Which ONNX Runtime GenAI native build this InferBench was compiled against: <c>cpu</c> or <c>cuda</c>.</summary>
/// <remarks>Set by <c>dotnet build -p:ExecutionProvider=cuda</c> and recorded as assembly metadata (see docs/gpu.md).</remarks>
public static class BuildFlavour
{
    public const string CudaBuildCommand = "dotnet build -c Release -p:ExecutionProvider=cuda";

    public static string ExecutionProvider => typeof(BuildFlavour).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(attribute => attribute.Key == "ExecutionProvider")?.Value
        ?? throw new InvalidOperationException("assembly metadata ExecutionProvider is missing: InferBench.csproj sets it on every build");

    public static bool IsCuda => ExecutionProvider == JsonEnumName.Of(Results.ExecutionProvider.Cuda);
}
