using System.Text.Json;
using System.Text.Json.Serialization;
using InferBench.Synthetic;

namespace InferBench.Manifest;

/// <summary>Reads and writes the manifest's source shape: <c>{"path": ...}</c>, <c>{"huggingface": {...}}</c> or <c>{"synthetic": {...}}</c>.</summary>
internal sealed class ModelSourceJsonConverter : JsonConverter<ModelSource>
{
    public override ModelSource Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var source = document.RootElement;
        if (source.ValueKind != JsonValueKind.Object)
            throw new JsonException("a model source must be an object");
        if (source.TryGetProperty("path", out _))
            return new LocalModelSource(RequiredString(source, "path"));
        if (source.TryGetProperty("huggingface", out var huggingFace) && huggingFace.ValueKind == JsonValueKind.Object)
        {
            return new HuggingFaceModelSource(
                RequiredString(huggingFace, "repo"),
                RequiredString(huggingFace, "revision"),
                huggingFace.TryGetProperty("folder", out _) ? RequiredString(huggingFace, "folder") : null);
        }
        if (source.TryGetProperty("synthetic", out var synthetic) && synthetic.ValueKind == JsonValueKind.Object)
            return new SyntheticModelSource(RequiredString(synthetic, "preset"), synthetic.Deserialize<SyntheticModelOverrides>(options)!);
        throw new JsonException("a model source needs \"path\", \"huggingface\" or \"synthetic\"");
    }

    public override void Write(Utf8JsonWriter writer, ModelSource value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case LocalModelSource local:
                writer.WriteString("path", local.FolderPath);
                break;
            case HuggingFaceModelSource huggingFace:
                writer.WriteStartObject("huggingface");
                writer.WriteString("repo", huggingFace.Repo);
                writer.WriteString("revision", huggingFace.Revision);
                if (huggingFace.Folder is not null)
                    writer.WriteString("folder", huggingFace.Folder);
                writer.WriteEndObject();
                break;
            case SyntheticModelSource synthetic:
                writer.WritePropertyName("synthetic");
                var overrides = JsonSerializer.SerializeToElement(synthetic.Overrides, options);
                writer.WriteStartObject();
                writer.WriteString("preset", synthetic.Preset);
                foreach (var field in overrides.EnumerateObject().Where(f => f.Value.ValueKind != JsonValueKind.Null))
                    field.WriteTo(writer);
                writer.WriteEndObject();
                break;
            default:
                throw new JsonException($"unknown model source type {value.GetType().Name}");
        }
        writer.WriteEndObject();
    }

    private static string RequiredString(JsonElement owner, string field) =>
        owner.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new JsonException($"\"{field}\" must be a string");
}
