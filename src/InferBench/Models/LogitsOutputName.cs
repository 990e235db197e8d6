using System.Text.Json;
using System.Text.Json.Nodes;

namespace InferBench.Models;

/// <summary>The decoder output that holds the logits: genai_config.json's model.decoder.outputs.logits, or GenAI's default.</summary>
public static class LogitsOutputName
{
    public const string Default = "logits";

    /// <param name="folderPath">A folder <see cref="GenAiModelFolder.Inspect"/> accepted.</param>
    public static string Read(string folderPath)
    {
        var config = JsonNode.Parse(File.ReadAllBytes(Path.Combine(folderPath, GenAiModelFolder.ConfigFileName)));
        var logits = config?["model"]?["decoder"]?["outputs"]?["logits"];
        return logits?.GetValueKind() == JsonValueKind.String ? logits.GetValue<string>() : Default;
    }
}
