using System.Text.Json;

namespace InferBench.Models;

/// <summary>Checks a GenAI model folder before ONNX Runtime sees it, so problems get a precise message.</summary>
public static class GenAiModelFolder
{
    public const string ConfigFileName = "genai_config.json";

    private static readonly string[] TokenizerFiles = ["tokenizer_config.json", "tokenizer.json"];

    /// <summary>
    /// The first tokenizer file the folder lacks; null when it has a tokenizer. GenAI 0.18 crashes the process later (in a
    /// finalizer) when a Tokenizer's constructor has thrown, so a folder without them must be refused before one is made.
    /// </summary>
    public static string? MissingTokenizerFile(string folderPath) =>
        TokenizerFiles.FirstOrDefault(file => !File.Exists(Path.Combine(folderPath, file)));

    public static GenAiModelInfo Inspect(string folderPath)
    {
        if (!Directory.Exists(folderPath))
            throw new ModelFolderException($"model folder not found: {folderPath}");
        var configPath = Path.Combine(folderPath, ConfigFileName);
        if (Directory.Exists(configPath))
            throw new ModelFolderException($"{configPath} is a folder; expected the model's {ConfigFileName} file");
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
            DecoderFileName: RequiredString(decoder, "filename", configPath, "$.model.decoder"),
            DecoderInputs: decoder.TryGetProperty("inputs", out var inputs) && inputs.ValueKind == JsonValueKind.Object
                ? inputs.EnumerateObject()
                    .Where(input => input.Value.ValueKind == JsonValueKind.String)
                    .ToDictionary(input => input.Name, input => input.Value.GetString()!)
                : new Dictionary<string, string>(),
            ConfiguredProvider: ConfiguredProvider(decoder, configPath),
            BosTokenId: model.TryGetProperty("bos_token_id", out var bos) && bos.ValueKind == JsonValueKind.Number && bos.TryGetInt32(out var bosId) && bosId >= 0
                ? bosId
                : null);

        var decoderPath = Path.Combine(folderPath, info.DecoderFileName);
        if (!File.Exists(decoderPath))
            throw new ModelFolderException($"{decoderPath} not found ({ConfigFileName} $.model.decoder.filename names it)");
        return info;
    }

    /// <summary>GenAI's layout: <c>"provider_options": [ { "cuda": { ...options } } ]</c>; the first entry is the provider tried first.</summary>
    private static string? ConfiguredProvider(JsonElement decoder, string file)
    {
        const string path = "$.model.decoder.session_options.provider_options";
        if (!decoder.TryGetProperty("session_options", out var sessionOptions) || sessionOptions.ValueKind != JsonValueKind.Object
            || !sessionOptions.TryGetProperty("provider_options", out var providers))
            return null;
        if (providers.ValueKind != JsonValueKind.Array)
            throw new ModelFolderException($"{file}: {path}: expected an array of {{\"<provider>\": {{options}}}} objects, got {providers.GetRawText()}");
        if (providers.GetArrayLength() == 0)
            return null;
        var first = providers[0];
        if (first.ValueKind != JsonValueKind.Object || !first.EnumerateObject().Any())
            throw new ModelFolderException($"{file}: {path}[0]: expected an object naming a provider, such as {{\"cuda\": {{}}}}, got {first.GetRawText()}");
        return first.EnumerateObject().First().Name.ToLowerInvariant();
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
