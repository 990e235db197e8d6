using System.Text.Json;

namespace InferBench.Models;

/// <summary>Checks a GenAI model folder before ONNX Runtime sees it, so problems get a precise message.</summary>
public static class GenAiModelFolder
{
    public const string ConfigFileName = "genai_config.json";

    public static GenAiModelInfo Inspect(string folderPath)
    {
        if (!Directory.Exists(folderPath))
            throw new ModelFolderException($"model folder not found: {folderPath}");
        var configPath = Path.Combine(folderPath, ConfigFileName);
        if (!File.Exists(configPath))
            throw new ModelFolderException($"{ConfigFileName} not found in {folderPath}");

        JsonElement root;
        try
        {
            // Read as the manifest is, so a UTF-8 byte order mark (as some Windows editors write) is accepted.
            using var document = JsonInputFile.Read(configPath, configPath);
            root = document.RootElement.Clone();
        }
        catch (InputException e)
        {
            throw new ModelFolderException(e.Message);
        }

        var model = Required(root, "model", configPath, "$");
        var decoder = Required(model, "decoder", configPath, "$.model");
        var info = new GenAiModelInfo(
            folderPath,
            ModelType: RequiredString(model, "type", configPath, "$.model"),
            VocabSize: RequiredPositiveInt(model, "vocab_size", configPath, "$.model"),
            ContextLength: RequiredPositiveInt(model, "context_length", configPath, "$.model"),
            DecoderFileName: RequiredString(decoder, "filename", configPath, "$.model.decoder"));

        var decoderPath = Path.Combine(folderPath, info.DecoderFileName);
        if (!File.Exists(decoderPath))
            throw new ModelFolderException($"{decoderPath} not found ({ConfigFileName} $.model.decoder.filename names it)");
        return info;
    }

    private static JsonElement Required(JsonElement parent, string name, string file, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
            throw new ModelFolderException($"{file}: {path}.{name}: missing required field");
        return value;
    }

    private static string RequiredString(JsonElement parent, string name, string file, string path)
    {
        var value = Required(parent, name, file, path);
        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new ModelFolderException($"{file}: {path}.{name}: expected a non-empty string, got {value.GetRawText()}");
    }

    private static int RequiredPositiveInt(JsonElement parent, string name, string file, string path)
    {
        var value = Required(parent, name, file, path);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number > 0
            ? number
            : throw new ModelFolderException($"{file}: {path}.{name}: expected a positive integer, got {value.GetRawText()}");
    }
}
