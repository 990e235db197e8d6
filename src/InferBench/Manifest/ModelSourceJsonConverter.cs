using System.Text.Json;
using System.Text.Json.Serialization;
using InferBench.Synthetic;

namespace InferBench.Manifest;

/// <summary>Reads and writes the manifest's source shape: <c>{"path": ...}</c>, <c>{"huggingface": {...}}</c>, <c>{"checkpoint": {...}}</c>, <c>{"synthetic": {...}}</c> or <c>{"derived": {...}}</c>.</summary>
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
        if (source.TryGetProperty("checkpoint", out var checkpoint) && checkpoint.ValueKind == JsonValueKind.Object)
            return new CheckpointModelSource(RequiredString(checkpoint, "repo"), RequiredString(checkpoint, "revision"));
        if (source.TryGetProperty("synthetic", out var synthetic) && synthetic.ValueKind == JsonValueKind.Object)
            return new SyntheticModelSource(RequiredString(synthetic, "preset"), synthetic.Deserialize<SyntheticModelOverrides>(options)!);
        if (source.TryGetProperty("derived", out var derived) && derived.ValueKind == JsonValueKind.Object)
        {
            return new DerivedModelSource(
                RequiredString(derived, "from"),
                OptionalInt(derived, "blockSize"),
                derived.TryGetProperty("symmetric", out var symmetric) ? symmetric.GetBoolean() : null,
                OptionalInt(derived, "accuracyLevel"),
                derived.TryGetProperty("quantizeLmHead", out var quantizeLmHead) ? quantizeLmHead.GetBoolean() : null);
        }
        throw new JsonException("a model source needs \"path\", \"huggingface\", \"checkpoint\", \"synthetic\" or \"derived\"");
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
            case CheckpointModelSource checkpoint:
                writer.WriteStartObject("checkpoint");
                writer.WriteString("repo", checkpoint.Repo);
                writer.WriteString("revision", checkpoint.Revision);
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
            case DerivedModelSource derived:
                writer.WriteStartObject("derived");
                writer.WriteString("from", derived.From);
                if (derived.BlockSize is { } blockSize)
                    writer.WriteNumber("blockSize", blockSize);
                if (derived.Symmetric is { } symmetric)
                    writer.WriteBoolean("symmetric", symmetric);
                if (derived.AccuracyLevel is { } accuracyLevel)
                    writer.WriteNumber("accuracyLevel", accuracyLevel);
                if (derived.QuantizeLmHead is { } quantizeLmHead)
                    writer.WriteBoolean("quantizeLmHead", quantizeLmHead);
                writer.WriteEndObject();
                break;
            default:
                throw new JsonException($"unknown model source type {value.GetType().Name}");
        }
        writer.WriteEndObject();
    }

    private static int? OptionalInt(JsonElement owner, string field) =>
        !owner.TryGetProperty(field, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number
        : throw new JsonException($"\"{field}\" must be a whole number");

    private static string RequiredString(JsonElement owner, string field) =>
        owner.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new JsonException($"\"{field}\" must be a string");
}
