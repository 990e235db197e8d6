using System.Text.Json.Nodes;
using InferBench.Tests.Support;

namespace InferBench.Tests.Support;

/// <summary>Copies of the shared GPT-2 fixture whose genai_config.json asks for another provider, as a model exported for CUDA does.</summary>
internal static class CudaConfigured
{
    public const string CudaProviderOptions = """[ { "cuda": { "enable_cuda_graph": "0" } } ]""";

    public static string CopyWithProviderOptions(TempFolder temp, string fixture, string providerOptionsJson)
    {
        var folder = temp.CopyOf(fixture);
        var configPath = Path.Combine(folder, "genai_config.json");
        var config = JsonNode.Parse(File.ReadAllText(configPath))!;
        config["model"]!["decoder"]!["session_options"]!["provider_options"] = JsonNode.Parse(providerOptionsJson);
        File.WriteAllText(configPath, config.ToJsonString());
        return folder;
    }
}
